using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Medications;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Medications;

/// <summary>Recording doses on the MAR; a dose given from a bin takes one unit, once, however often it is retried or redelivered.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DoseAdministrationTests(ClusterFixture fixture)
{
    private readonly HospitalBuilder _hospital = new(fixture.Grains);

    private async Task<(string Mrn, IMedicationGrain Medications, ScheduledDose Dose)> OrderedAsync(string frequency = "once")
    {
        var mrn = await _hospital.Patient();
        await fixture.Grains.GetGrain<Hospital.Contracts.Clinical.IChartGrain>(mrn).AddEntry("allergies", """{"substance":"nka"}""");
        var medications = fixture.Grains.GetGrain<IMedicationGrain>(mrn);
        await medications.PlaceOrder(new MedicationOrderRequest("paracetamol", 1, "g", "oral", frequency));
        var dose = (await medications.GetMar(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2)))[0];
        return (mrn, medications, dose);
    }

    private async Task<ISupplyBinGrain> BinAsync(int units)
    {
        var bin = fixture.Grains.GetGrain<ISupplyBinGrain>("RXBIN-" + Guid.NewGuid().ToString("N")[..8]);
        await bin.Create(new BinSpec("PHARM", new Item("PARA-1G", "Paracetamol 1 g tablets", "tablet", "drug"), 20, 5));
        if (units > 0)
        {
            await bin.Restock(units, "L1", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        }

        return bin;
    }

    [Fact]
    public async Task ADoseGivenFromABinTakesOneUnitOnceUnderRetriesAndRedelivery()
    {
        var (mrn, medications, dose) = await OrderedAsync();
        var bin = await BinAsync(10);
        var record = new DoseRecord(DoseOutcome.Given, BinId: bin.GetPrimaryKeyString());

        var given = await medications.RecordDose(dose.Id, record);
        await medications.RecordDose(dose.Id, record);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => medications.RecordDose(dose.Id, record)));
        await bin.DispenseDose(new DoseDispensedMessage(bin.GetPrimaryKeyString(), dose.Id, mrn));

        Assert.Equal(DoseStatus.Given, given.Status);
        Assert.Equal(9, (await bin.Get())!.OnHand);
        var administered = Assert.Single(await fixture.Journal.QueryAsync(new JournalQuery(PatientId: mrn, Kind: nameof(MedicationEventKind.MedicationAdministered))));
        var line = JournalEvents.Read<MedicationDoseJournalEvent>(administered);
        Assert.Equal((dose.Id, "N02BE01", mrn), (line.DoseId, line.DrugCode, line.Mrn));
    }

    [Fact]
    public async Task AWhenRequiredDoseIsRecordedOnItsOrderAndARetryFindsIt()
    {
        var (mrn, medications, scheduled) = await OrderedAsync();
        var prn = (await medications.PlaceOrder(new MedicationOrderRequest("ondansetron", 4, "mg", "oral", "prn"))).Order!;
        var bin = await BinAsync(3);
        var record = new DoseRecord(DoseOutcome.Given, BinId: bin.GetPrimaryKeyString());

        var first = await medications.RecordPrnDose(prn.Id, record);
        var again = await medications.RecordPrnDose(prn.Id, record);

        Assert.Equal((first.Id, DoseStatus.Given, prn.Id), (again.Id, again.Status, again.OrderId));
        Assert.Equal(2, (await bin.Get())!.OnHand);
        var conflict = await Assert.ThrowsAsync<HospitalException>(() => medications.RecordPrnDose(scheduled.OrderId, new DoseRecord(DoseOutcome.Given)));
        Assert.Equal(HospitalErrorKind.Conflict, conflict.Kind);
        await medications.Discontinue(prn.Id, "no longer needed");
        await Assert.ThrowsAsync<HospitalException>(() => medications.RecordPrnDose(prn.Id, new DoseRecord(DoseOutcome.Given)));
        Assert.Contains(await medications.GetMar(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)), d => d.Id == first.Id);
        Assert.Single(await fixture.Journal.QueryAsync(new JournalQuery(PatientId: mrn, Kind: nameof(MedicationEventKind.MedicationAdministered))));
    }

    [Fact]
    public async Task ADoseFromAnEmptyBinIsAConflictAndChangesNothing()
    {
        var (_, medications, dose) = await OrderedAsync();
        var bin = await BinAsync(0);

        var error = await Assert.ThrowsAsync<HospitalException>(() => medications.RecordDose(dose.Id, new DoseRecord(DoseOutcome.Given, BinId: bin.GetPrimaryKeyString())));

        Assert.Equal(HospitalErrorKind.Conflict, error.Kind);
        Assert.Equal(DoseStatus.Due, (await medications.GetMar(dose.Due, dose.Due.AddMinutes(1)))[0].Status);
    }

    [Fact]
    public async Task ADoseFromAnUnknownBinIsNotFound()
    {
        var (_, medications, dose) = await OrderedAsync();

        var error = await Assert.ThrowsAsync<HospitalException>(() => medications.RecordDose(dose.Id, new DoseRecord(DoseOutcome.Given, BinId: "NO-SUCH-BIN")));

        Assert.Equal(HospitalErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task AHeldDoseNeedsAReasonAndAnotherOutcomeLaterIsAConflict()
    {
        var (_, medications, dose) = await OrderedAsync();

        await Assert.ThrowsAsync<HospitalException>(() => medications.RecordDose(dose.Id, new DoseRecord(DoseOutcome.Held)));
        var held = await medications.RecordDose(dose.Id, new DoseRecord(DoseOutcome.Held, "nil by mouth"));
        var again = await Assert.ThrowsAsync<HospitalException>(() => medications.RecordDose(dose.Id, new DoseRecord(DoseOutcome.Given)));

        Assert.Equal((DoseStatus.Held, "nil by mouth"), (held.Status, held.Reason));
        Assert.Equal(HospitalErrorKind.Conflict, again.Kind);
    }

    [Fact]
    public async Task ADoseIdThatIsNoDueTimeOfTheOrderIsNotFound()
    {
        var (_, medications, dose) = await OrderedAsync("daily");

        var error = await Assert.ThrowsAsync<HospitalException>(() => medications.RecordDose(dose.OrderId + "-209901010313", new DoseRecord(DoseOutcome.Given)));

        Assert.Equal(HospitalErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task ADoseBeyondTheScheduledHorizonCanBeRecorded()
    {
        var (_, medications, dose) = await OrderedAsync("daily");
        var later = (await medications.GetMar(DateTimeOffset.UtcNow.AddDays(5), DateTimeOffset.UtcNow.AddDays(6)))[0];

        var refused = await medications.RecordDose(later.Id, new DoseRecord(DoseOutcome.Refused, "declined"));

        Assert.Equal(DoseStatus.Refused, refused.Status);
        Assert.Equal(DoseStatus.Refused, (await medications.GetMar(later.Due, later.Due.AddMinutes(1)))[0].Status);
        Assert.NotEqual(dose.Id, later.Id);
    }
}
