using Hospital.Contracts.Clinical;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Patients;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Medications;

/// <summary>
/// A when-required (prn) order was checked against the daily maximum assuming four doses in 24 hours, so no more than
/// that are given in any 24 hours; hours pass on a fake clock.
/// </summary>
public sealed class WhenRequiredDoseTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await PlatformHost.StartAsync(PlatformHost.Sqlite(), s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoMoreThanFourDosesAreGivenInAnyTwentyFourHoursAndTheFifthChangesNothing()
    {
        var grains = _host.Grains;
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Ian", "Cole"), new DateOnly(1960, 5, 1), Sex.Male));
        await grains.GetGrain<IChartGrain>(mrn).AddEntry("allergies", """{"substance":"no known allergies"}""");
        var medications = grains.GetGrain<IMedicationGrain>(mrn);
        var order = (await medications.PlaceOrder(new MedicationOrderRequest("paracetamol", 1, "g", "oral", "prn"))).Order!;
        var first = _clock.GetUtcNow();

        for (var dose = 0; dose < 4; dose++)
        {
            await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given));
            _clock.Advance(TimeSpan.FromHours(4));
        }

        var refused = await Assert.ThrowsAsync<HospitalException>(() => medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given)));
        Assert.Equal(HospitalErrorKind.Conflict, refused.Kind);
        var held = await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Refused, Reason: "patient declined"));
        Assert.Equal(DoseStatus.Refused, held.Status);
        Assert.Equal(4, (await medications.GetMar(first.AddMinutes(-1), _clock.GetUtcNow().AddMinutes(1))).Count(d => d.Status == DoseStatus.Given));

        _clock.Advance(TimeSpan.FromHours(8)); // the first dose is now more than 24 hours ago
        Assert.Equal(DoseStatus.Given, (await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given))).Status);
    }
}
