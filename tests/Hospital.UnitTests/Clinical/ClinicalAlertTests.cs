using Hospital.Contracts.Alerts;
using Hospital.Contracts.Clinical;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Clinical;

[Collection(ClusterCollection.Name)]
public sealed class ClinicalAlertTests(ClusterFixture fixture)
{
    private readonly HospitalBuilder _hospital = new(fixture.Grains);
    private static readonly VitalSigns Normal = new(16, 97, 1, false, 120, 70, Consciousness.A, 37.0m, DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<Alert>> ActiveNews2(string mrn) =>
        (await fixture.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(Kind: "News2", Subject: mrn)))
        .Where(a => a.Status != AlertStatus.Resolved).ToList();

    [Fact]
    public async Task News2AlertsEscalateAndDeEscalateAsOneAlertForTheWard()
    {
        var ward = await _hospital.Ward();
        var mrn = await _hospital.Patient();
        var stay = await _hospital.Admit(mrn, await _hospital.Bed(ward));
        var chart = fixture.Grains.GetGrain<IChartGrain>(mrn);

        await chart.RecordVitals(Normal with { Consciousness = Consciousness.C, TakenAt = DateTimeOffset.UtcNow.AddMinutes(-30) });
        var lowMedium = Assert.Single(await ActiveNews2(mrn));
        await chart.RecordVitals(Normal with { RespiratoryRate = 26, Pulse = 135, OnOxygen = true, TakenAt = DateTimeOffset.UtcNow.AddMinutes(-20) });
        var high = Assert.Single(await ActiveNews2(mrn));
        await chart.RecordVitals(Normal with { TakenAt = DateTimeOffset.UtcNow.AddMinutes(-10) });

        Assert.Equal((AlertSeverity.Warning, ward), (lowMedium.Severity, lowMedium.WardId));
        Assert.Equal((lowMedium.Id, AlertSeverity.Critical), (high.Id, high.Severity));
        Assert.Empty(await ActiveNews2(mrn));
        Assert.Equal(0, (await _hospital.BedState(stay.BedId)).News2Score);
    }

    [Fact]
    public async Task ACriticalLabValueRaisesACriticalResultAlertForThePatientsWard()
    {
        var ward = await _hospital.Ward();
        var mrn = await _hospital.Patient();
        await _hospital.Admit(mrn, await _hospital.Bed(ward));

        var result = await fixture.Grains.GetGrain<IChartGrain>(mrn).RecordLab(
            new LabResult("", "", "2823-3", "Potassium", 7.1m, "mmol/L", 3.5m, 5.1m, 2.5m, 6.5m, "", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, ""));

        Assert.Equal("HH", result.Flag);
        var alert = Assert.Single(await fixture.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(AlertStatus.Open, Kind: "CriticalResult", Subject: mrn)));
        Assert.Equal((AlertSeverity.Critical, ward), (alert.Severity, alert.WardId));
    }

    [Fact]
    public async Task AnAbnormalButNotCriticalLabValueRaisesNoAlert()
    {
        var mrn = await _hospital.Patient();

        var result = await fixture.Grains.GetGrain<IChartGrain>(mrn).RecordLab(
            new LabResult("", "", "2823-3", "Potassium", 5.6m, "mmol/L", 3.5m, 5.1m, 2.5m, 6.5m, "", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, ""));

        Assert.Equal("H", result.Flag);
        Assert.Empty(await fixture.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(Kind: "CriticalResult", Subject: mrn)));
    }

    [Fact]
    public async Task AnAmendmentKeepsTheOriginalRevision()
    {
        var mrn = await _hospital.Patient();
        var chart = fixture.Grains.GetGrain<IChartGrain>(mrn);
        var entry = await chart.AddEntry("allergies", """{"substance":"Penicillin","status":"active"}""");

        var amended = await chart.AmendEntry("allergies", entry.Id, """{"substance":"Amoxicillin","status":"active"}""", "wrong drug");

        Assert.Equal(2, amended.Revision);
        var history = await fixture.Journal.QueryAsync(new Hospital.Contracts.Journal.JournalQuery(EntityId: entry.Id));
        Assert.Equal(["ChartEntryAdded", "ChartEntryAmended"], history.Select(h => h.Kind));
        Assert.Contains("Penicillin", history[0].Payload);
        Assert.Contains("Penicillin", history[1].Payload);
    }
}
