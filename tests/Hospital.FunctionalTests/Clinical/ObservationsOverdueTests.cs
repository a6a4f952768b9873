using Hospital.Contracts.Admissions;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Clinical;

/// <summary>
/// ObservationsOverdue fires when the next set is due by the NEWS2 monitoring frequency and none has arrived; the check
/// is a reminder, so it also fires after a restart. Days and hours pass on a fake clock.
/// </summary>
public sealed class ObservationsOverdueTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = PlatformHost.Sqlite();
        settings["Hospital:Clinical:ObservationCheckPeriod"] = "00:00:01";
        _host = await PlatformHost.StartAsync(settings, s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> AdmittedPatientWithVitalsAsync()
    {
        var grains = _host.Grains;
        var ward = "OBS" + Guid.NewGuid().ToString("N")[..6];
        await grains.GetGrain<IWardGrain>(ward).Create("Obs ward", SexPolicy.Mixed);
        await grains.GetGrain<IWardGrain>(ward).AddBed(ward + "-1", "1", false);
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Obi", "Wan"), new DateOnly(1960, 1, 1), Sex.Male));
        await grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, ward + "-1", false, null, null));
        // NEWS2 3 in one parameter (new confusion): hourly observations.
        await grains.GetGrain<IChartGrain>(mrn).RecordVitals(new VitalSigns(16, 97, 1, false, 120, 70, Consciousness.C, 37.0m, _clock.GetUtcNow()));
        return mrn;
    }

    private Task<Alert?> WaitForOverdueAsync(string mrn) => _host.WaitForOpenAlertAsync(new AlertQuery(Kind: "ObservationsOverdue", Subject: mrn));

    [Fact]
    public async Task TheAlertFiresWhenTheNextSetIsDueAndResolvesWhenItArrives()
    {
        var mrn = await AdmittedPatientWithVitalsAsync();
        await Task.Delay(2500);
        Assert.Empty(await _host.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(AlertStatus.Open, Kind: "ObservationsOverdue", Subject: mrn)));

        _clock.Advance(TimeSpan.FromMinutes(61));

        var alert = await WaitForOverdueAsync(mrn);
        Assert.NotNull(alert);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        await _host.Grains.GetGrain<IChartGrain>(mrn).RecordVitals(new VitalSigns(16, 97, 1, false, 120, 70, Consciousness.A, 37.0m, _clock.GetUtcNow()));
        Assert.Equal(AlertStatus.Resolved, (await _host.Grains.GetGrain<IAlertsGrain>(0).Get(alert.Id))!.Status);
    }

    [Fact]
    public async Task TheAlertFiresAfterARestartWhenTheSetFellDueWhileTheSystemWasDown()
    {
        var mrn = await AdmittedPatientWithVitalsAsync();

        await _host.RestartAsync(whileStopped: () => _clock.Advance(TimeSpan.FromHours(2)));

        Assert.NotNull(await WaitForOverdueAsync(mrn));
    }
}
