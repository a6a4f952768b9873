using Hospital.Contracts.Admissions;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Medications;

/// <summary>
/// A dose not recorded within its window (default one hour after due) raises one MedicationOverdue alert for the
/// patient's ward; the check is a reminder, so it also fires after a restart. Hours pass on a fake clock.
/// </summary>
public sealed class MedicationOverdueTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = PlatformHost.Sqlite();
        settings["Hospital:Medications:CheckPeriod"] = "00:00:01";
        _host = await PlatformHost.StartAsync(settings, s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(string Mrn, string Ward, ScheduledDose Dose)> AdmittedWithADoseDueNowAsync()
    {
        var grains = _host.Grains;
        var ward = "MED" + Guid.NewGuid().ToString("N")[..6];
        await grains.GetGrain<IWardGrain>(ward).Create("Medical ward", SexPolicy.Mixed);
        await grains.GetGrain<IWardGrain>(ward).AddBed(ward + "-1", "1", false);
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Mary", "Jones"), new DateOnly(1950, 1, 1), Sex.Female));
        await grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, ward + "-1", false, null, null));
        await grains.GetGrain<IChartGrain>(mrn).AddEntry("allergies", """{"substance":"no known allergies"}""");
        var medications = grains.GetGrain<IMedicationGrain>(mrn);
        await medications.PlaceOrder(new MedicationOrderRequest("paracetamol", 1, "g", "oral", "once"));
        var dose = (await medications.GetMar(_clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow().AddHours(1)))[0];
        return (mrn, ward, dose);
    }

    private Task<Alert?> WaitForOverdueAsync(string mrn) => _host.WaitForOpenAlertAsync(new AlertQuery(Kind: "MedicationOverdue", Subject: mrn));

    [Fact]
    public async Task TheAlertFiresOnceWhenTheWindowPassesAndResolvesWhenTheDoseIsRecorded()
    {
        var (mrn, ward, dose) = await AdmittedWithADoseDueNowAsync();
        await Task.Delay(2500);
        Assert.Empty(await _host.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(AlertStatus.Open, Kind: "MedicationOverdue", Subject: mrn)));

        _clock.Advance(TimeSpan.FromMinutes(61));

        var alert = await WaitForOverdueAsync(mrn);
        Assert.NotNull(alert);
        Assert.Equal((ward, AlertSeverity.Warning), (alert.WardId, alert.Severity));
        Assert.DoesNotContain("paracetamol", alert.Message);
        await Task.Delay(2500);
        Assert.Single(await _host.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(Kind: "MedicationOverdue", Subject: mrn)));
        var medications = _host.Grains.GetGrain<IMedicationGrain>(mrn);
        Assert.Equal(DoseStatus.Missed, (await medications.GetMar(dose.Due, dose.Due.AddMinutes(1)))[0].Status);

        await medications.RecordDose(dose.Id, new DoseRecord(DoseOutcome.Given));

        Assert.Equal(AlertStatus.Resolved, (await _host.Grains.GetGrain<IAlertsGrain>(0).Get(alert.Id))!.Status);
    }

    [Fact]
    public async Task TheAlertFiresAfterARestartWhenTheDoseFellOverdueWhileTheSystemWasDown()
    {
        var (mrn, _, _) = await AdmittedWithADoseDueNowAsync();

        await _host.RestartAsync(whileStopped: () => _clock.Advance(TimeSpan.FromHours(2)));

        Assert.NotNull(await WaitForOverdueAsync(mrn));
    }
}
