using System.Net;
using Hospital.Contracts.Changes;
using Hospital.Grains.Changes;
using Hospital.Hosting.Configuration;
using Hospital.Hosting.Storage;
using Hospital.Storage.Postgres;
using Hospital.Storage.Serialization;
using Hospital.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace Hospital.Hosting.Orleans;

/// <summary>The one place that chooses clustering, grain storage and reminders for a silo or a client.</summary>
public static class OrleansRegistration
{
    private const string Invariant = "Npgsql";

    public static void AddHospitalSilo(this IHostApplicationBuilder builder, HospitalOptions options)
    {
        builder.UseOrleans(silo =>
        {
            var o = options.Orleans;
            silo.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (o.ClusterId, o.ServiceId));
            silo.AddActivityPropagation();
            silo.AddIncomingGrainCallFilter<Hospital.Grains.Security.PatientDataGuard>();
            silo.AddIncomingGrainCallFilter<Hospital.Grains.Common.StorageFailureFilter>();
            // Grains commit state, journal and outbox together; the sweeper delivers what a crash left undelivered.
            silo.Services.AddHospitalChanges(sweepOutbox: true);
            // Failure detection and call timeouts are Orleans' defaults unless Hospital:Orleans:Membership:* (e.g.
            // ProbeTimeout, NumMissedProbesLimit, NumVotesForDeathDeclaration) or Hospital:Orleans:ResponseTimeout say otherwise.
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Hospital:Orleans:Membership"));
            if (builder.Configuration.GetValue<TimeSpan?>("Hospital:Orleans:ResponseTimeout") is { } siloTimeout)
            {
                silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = siloTimeout);
            }

            // Schedules shorter than Orleans' one-minute floor are for tests and drills only.
            var shortest = new[] { "Hospital:Inventory:ExpiryCheckPeriod", "Hospital:Clinical:ObservationCheckPeriod", "Hospital:Medications:CheckPeriod" }
                .Select(key => builder.Configuration.GetValue<TimeSpan?>(key)).OfType<TimeSpan>().DefaultIfEmpty(TimeSpan.MaxValue).Min();
            if (shortest < TimeSpan.FromMinutes(1))
            {
                silo.Configure<ReminderOptions>(r => r.MinimumReminderPeriod = shortest);
            }

            switch (options.Storage)
            {
                case StorageKind.Sqlite:
                    silo.UseLocalhostClustering(o.SiloPort, o.GatewayPort, null, o.ServiceId, o.ClusterId);
                    silo.Services.AddKeyedSingleton<IGrainStorage>(StorageRegistration.GrainStorageName, (sp, _) =>
                        new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(),
                            sp.GetRequiredService<JsonGrainStateSerializer>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ChangeStage>()));
                    silo.AddReminders();
                    silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
                    break;
                case StorageKind.Postgres:
                    var advertised = o.AdvertisedIPAddress is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
                    silo.ConfigureEndpoints(advertised, o.SiloPort, o.GatewayPort, listenOnAnyHostAddress: o.AdvertisedIPAddress is { Length: > 0 });
                    silo.UseAdoNetClustering(c => (c.Invariant, c.ConnectionString) = (Invariant, PostgresPools.Orleans(options)));
                    // The platform's own storage: a grain's state, journal lines and outbox rows commit in one
                    // transaction, group-committed with other grains'. (Orleans' ADO.NET grain storage cannot join that
                    // transaction, so it is not offered.)
                    silo.Services.AddKeyedSingleton<IGrainStorage>(StorageRegistration.GrainStorageName, (sp, _) =>
                        new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresWriter>(),
                            sp.GetRequiredService<JsonGrainStateSerializer>(), o.ServiceId, sp.GetRequiredService<ChangeStage>()));

                    silo.UseAdoNetReminderService(r => (r.Invariant, r.ConnectionString) = (Invariant, PostgresPools.Orleans(options)));
                    break;
            }

            // A database error leaves grain storage as StorageUnavailableException.
            silo.Services.GuardGrainStorage(StorageRegistration.GrainStorageName);
        });
    }

    public static void AddHospitalClient(this IHostApplicationBuilder builder, HospitalOptions options)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (options.Orleans.ClusterId, options.Orleans.ServiceId));
            client.AddActivityPropagation();
            if (builder.Configuration.GetValue<TimeSpan?>("Hospital:Orleans:ResponseTimeout") is { } timeout)
            {
                client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = timeout);
            }

            client.UseAdoNetClustering(c => (c.Invariant, c.ConnectionString) = (Invariant, PostgresPools.Orleans(options)));
            // An api may start before any silo (first deploy, full restart): keep trying, backing off to 5 s, until
            // the host gives up, instead of exiting and crash-looping.
            var attempt = 0;
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * Math.Pow(2, attempt++))), cancellationToken);
                return !cancellationToken.IsCancellationRequested;
            });
        });
    }
}
