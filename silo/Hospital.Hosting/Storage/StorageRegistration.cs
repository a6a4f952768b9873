using Hospital.Contracts.Changes;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Hosting.Configuration;
using Hospital.Storage;
using Hospital.Storage.Postgres;
using Hospital.Storage.Serialization;
using Hospital.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hospital.Hosting.Storage;

/// <summary>The one place that chooses where the project's own data lives.</summary>
public static class StorageRegistration
{
    public const string GrainStorageName = Hospital.Contracts.Common.HospitalStorage.Name;

    public static IServiceCollection AddHospitalStorage(this IServiceCollection services, HospitalOptions options)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Hospital.Contracts.Common.HospitalTime.Real);
        services.AddSingleton<JsonGrainStateSerializer>();
        services.AddSingleton<Hospital.Contracts.Changes.ChangeStage>();
        switch (options.Storage)
        {
            case StorageKind.Sqlite:
                services.AddSingleton(sp => new SqliteDatabase(
                    Path.Combine(options.DataDirectory, "hospital.db"), sp.GetRequiredService<ILogger<SqliteDatabase>>()));
                services.AddGuarded<SqliteJournal, SqlitePatientIndex>();
                services.AddSingleton<IOutboxStore, SqliteOutbox>();
                services.AddSingleton<Hospital.Contracts.Interop.IHl7MessageLog, SqliteHl7MessageLog>();
                services.AddSingleton<Hospital.Contracts.Billing.IBillingLedger, SqliteBillingLedger>();
                services.AddSingleton<IHospitalStore, SqliteHospitalStore>();
                break;
            case StorageKind.Postgres:
                services.AddSingleton(_ => new NpgsqlDataSourceBuilder(PostgresPools.Hospital(options)).Build());
                services.AddSingleton<PostgresWriter>();
                services.AddGuarded<PostgresJournal, PostgresPatientIndex>();
                services.AddSingleton<IOutboxStore>(sp => new PostgresOutbox(
                    sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresWriter>(), options.Orleans.ServiceId));
                services.AddSingleton<Hospital.Contracts.Interop.IHl7MessageLog, PostgresHl7MessageLog>();
                services.AddSingleton<Hospital.Contracts.Billing.IBillingLedger, PostgresBillingLedger>();
                services.AddSingleton<IHospitalStore, PostgresHospitalStore>();
                break;
        }

        services.AddHostedService<StorageStartup>();
        return services;
    }

    /// <summary>The journal and the patient index, whose database errors leave as StorageUnavailableException.</summary>
    private static void AddGuarded<TJournal, TIndex>(this IServiceCollection services)
        where TJournal : class, IJournal where TIndex : class, IPatientIndex
    {
        services.AddSingleton<TJournal>();
        services.AddSingleton<TIndex>();
        services.AddSingleton<IJournal>(sp => ActivatorUtilities.CreateInstance<GuardedJournal>(sp, sp.GetRequiredService<TJournal>()));
        services.AddSingleton<IPatientIndex>(sp => ActivatorUtilities.CreateInstance<GuardedPatientIndex>(sp, sp.GetRequiredService<TIndex>()));
    }
}
