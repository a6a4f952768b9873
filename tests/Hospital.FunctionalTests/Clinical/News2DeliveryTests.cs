using Hospital.Contracts.Admissions;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Clinical;

/// <summary>
/// Vitals commit with their NEWS2 alert and the bed's marker (SQLite and PostgreSQL). When the register applies the
/// alert but its answer is lost, the outbox sweeper delivers the message again and the register recognises it: still
/// one alert.
/// </summary>
public abstract class News2DeliveryTests : IAsyncLifetime
{
    private readonly FaultyCalls _faults = new();
    private PlatformHost _host = null!;

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync() =>
        _host = await PlatformHost.StartAsync(await SettingsAsync(), s => s.AddSingleton<IIncomingGrainCallFilter>(_faults));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AHighNews2RaisesOneAlertAndMarksTheBedEvenWhenTheAlertIsDeliveredTwice()
    {
        var grains = _host.Grains;
        var ward = "N2" + Guid.NewGuid().ToString("N")[..6];
        await grains.GetGrain<IWardGrain>(ward).Create("News2 ward", SexPolicy.Mixed);
        await grains.GetGrain<IWardGrain>(ward).AddBed(ward + "-1", "1", false);
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Ada", "King"), new DateOnly(1950, 1, 1), Sex.Female));
        await grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, ward + "-1", false, null, null));
        _faults.FailAfter("IAlertsGrain.Apply");

        await grains.GetGrain<IChartGrain>(mrn).RecordVitals(new VitalSigns(26, 97, 1, true, 120, 135, Consciousness.A, 37.0m, DateTimeOffset.UtcNow));

        var bed = (await grains.GetGrain<IBedGrain>(ward + "-1").Get())!;
        Assert.Equal(News2RiskBand.High.ToString(), bed.News2RiskBand);
        Assert.True(await FaultyCalls.EventuallyAsync(() => Task.FromResult(_faults.Calls("IAlertsGrain.Apply") >= 2)),
            "the sweeper never delivered the alert again");
        await Task.Delay(1500);
        var alert = Assert.Single(await grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(Kind: "News2", Subject: mrn)), a => a.Status != AlertStatus.Resolved);
        Assert.Equal((AlertSeverity.Critical, ward), (alert.Severity, alert.WardId));
        var raised = await _host.Services.GetRequiredService<IJournal>().QueryAsync(new JournalQuery(EntityId: alert.Id, Kind: "AlertRaised"));
        Assert.Single(raised);
    }
}

public sealed class SqliteNews2DeliveryTests : News2DeliveryTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(PlatformHost.Sqlite());
}

public sealed class PostgresNews2DeliveryTests : News2DeliveryTests
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
    };
}
