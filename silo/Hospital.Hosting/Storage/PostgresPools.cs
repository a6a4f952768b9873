using System.Reflection;
using Hospital.Hosting.Configuration;
using Npgsql;

namespace Hospital.Hosting.Storage;

/// <summary>
/// The connection strings a process opens PostgreSQL with, sized by <c>Hospital:Postgres:*</c>. Npgsql keeps one pool
/// per data source and one per distinct connection string: the platform's data source is one pool, and Orleans' ADO.NET
/// providers (membership, reminders), which all open connections from the same string,
/// share the other. Those two are the process's whole budget. The settings override any pool size or timeout in
/// <c>ConnectionStrings:Hospital</c>; the application name (seen in <c>pg_stat_activity</c>) says which process and pool.
/// </summary>
public static class PostgresPools
{
    public static string Hospital(HospitalOptions options) => Sized(options, options.Postgres.MaxPoolSize, Application);

    public static string Orleans(HospitalOptions options) => Sized(options, options.Postgres.OrleansMaxPoolSize, Application + " (Orleans)");

    private static string Application => Assembly.GetEntryAssembly()?.GetName().Name ?? "Hospital";

    private static string Sized(HospitalOptions options, int size, string application)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            MaxPoolSize = size,
            Timeout = (int)options.Postgres.ConnectionTimeout.TotalSeconds,
        };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, size);
        builder.ApplicationName ??= application;
        return builder.ConnectionString;
    }
}
