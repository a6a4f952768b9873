using Hospital.Contracts.Clinical;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Medications;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Medications;

/// <summary>Orders through the patient's medication grain: checked against the chart's allergies and the other active orders.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MedicationOrderTests(ClusterFixture fixture)
{
    private readonly HospitalBuilder _hospital = new(fixture.Grains);

    private async Task<(string Mrn, IMedicationGrain Medications)> Patient(params string[] allergies)
    {
        var mrn = await _hospital.Patient();
        foreach (var substance in allergies)
        {
            await fixture.Grains.GetGrain<IChartGrain>(mrn).AddEntry("allergies", $$"""{"substance":"{{substance}}","status":"active"}""");
        }

        return (mrn, fixture.Grains.GetGrain<IMedicationGrain>(mrn));
    }

    private static MedicationOrderRequest Order(string drug, decimal dose = 500, string unit = "mg", string frequency = "tds", string? overrideReason = null) =>
        new(drug, dose, unit, "oral", frequency, OverrideReason: overrideReason);

    private async Task<IReadOnlyList<JournalEntry>> Journal(string mrn, MedicationEventKind kind) =>
        await fixture.Journal.QueryAsync(new JournalQuery(PatientId: mrn, Kind: kind.ToString()));

    [Fact]
    public async Task AnOrderBlockedByAnAllergySavesNothing()
    {
        var (mrn, medications) = await Patient("penicillin");

        var placed = await medications.PlaceOrder(Order("amoxicillin"));

        Assert.True(placed.Blocked);
        Assert.Equal(WarningSeverity.contraindicated, Assert.Single(placed.Warnings, w => w.Kind == WarningKind.Allergy).Severity);
        Assert.Empty(await medications.GetOrders(null));
        Assert.Empty(await Journal(mrn, MedicationEventKind.MedicationOrdered));
    }

    [Fact]
    public async Task AnOverriddenOrderIsSavedWithItsReasonAndTheOverrideIsJournaled()
    {
        var (mrn, medications) = await Patient("penicillin");

        var placed = await medications.PlaceOrder(Order("amoxicillin", overrideReason: "tolerated amoxicillin in 2025, rash only"));

        var order = Assert.Single(await medications.GetOrders(OrderStatus.Active));
        Assert.Equal(placed.Order!.Id, order.Id);
        Assert.Equal("tolerated amoxicillin in 2025, rash only", order.OverrideReason);
        var overridden = JournalEvents.Read<MedicationOverrideJournalEvent>(Assert.Single(await Journal(mrn, MedicationEventKind.MedicationOrderOverridden)));
        Assert.Equal(("tolerated amoxicillin in 2025, rash only", WarningKind.Allergy), (overridden.Reason, Assert.Single(overridden.Warnings).Kind));
    }

    [Fact]
    public async Task ACrossReactivityWarnsWithoutBlocking()
    {
        var (_, medications) = await Patient("penicillins");

        var placed = await medications.PlaceOrder(Order("cefalexin"));

        Assert.False(placed.Blocked);
        Assert.Equal(WarningSeverity.moderate, Assert.Single(placed.Warnings, w => w.Kind == WarningKind.Allergy).Severity);
    }

    [Fact]
    public async Task AnInteractionWithAnActiveOrderBlocks()
    {
        var (_, medications) = await Patient("nka");
        await medications.PlaceOrder(Order("ibuprofen", 400));

        var placed = await medications.PlaceOrder(Order("warfarin", 5, frequency: "daily"));

        Assert.True(placed.Blocked);
        var warning = Assert.Single(placed.Warnings, w => w.Kind == WarningKind.Interaction);
        Assert.Equal((WarningSeverity.major, "ibuprofen"), (warning.Severity, warning.With));
    }

    [Fact]
    public async Task DuplicateTherapyIsFoundAgainstActiveOrdersOnly()
    {
        var (_, medications) = await Patient("nka");
        var ramipril = (await medications.PlaceOrder(Order("ramipril", 5, frequency: "daily"))).Order!;

        var duplicate = await medications.PlaceOrder(Order("losartan", 50, frequency: "daily"));
        await medications.Discontinue(ramipril.Id, "cough");
        var afterStopping = await medications.PlaceOrder(Order("losartan", 50, frequency: "daily"));

        Assert.Equal(WarningSeverity.major, Assert.Single(duplicate.Warnings, w => w.Kind == WarningKind.Duplicate).Severity);
        Assert.Empty(afterStopping.Warnings);
    }

    [Fact]
    public async Task ADailyDoseOverTheMaximumBlocks()
    {
        var (_, medications) = await Patient("nka");

        var placed = await medications.PlaceOrder(Order("paracetamol", 1.5m, "g", "qds"));

        Assert.True(placed.Blocked);
        Assert.Single(placed.Warnings, w => w.Kind == WarningKind.Dose);
    }

    [Fact]
    public async Task APatientWithNoRecordedAllergyStatusGetsAMinorWarning()
    {
        var (_, medications) = await Patient();

        var placed = await medications.PlaceOrder(Order("paracetamol", 1, "g", "qds"));

        var warning = Assert.Single(placed.Warnings);
        Assert.Equal((WarningKind.Allergy, WarningSeverity.minor, "allergies not recorded"), (warning.Kind, warning.Severity, warning.Message));
        Assert.False(placed.Blocked);
    }

    [Fact]
    public async Task AnAllergyEnteredInErrorOrResolvedDoesNotCount()
    {
        var (mrn, medications) = await Patient();
        var chart = fixture.Grains.GetGrain<IChartGrain>(mrn);
        var wrong = await chart.AddEntry("allergies", """{"substance":"penicillin","status":"active"}""");
        await chart.MarkEnteredInError("allergies", wrong.Id, "wrong patient");
        await chart.AddEntry("allergies", """{"substance":"amoxicillin","status":"resolved"}""");

        var placed = await medications.PlaceOrder(Order("amoxicillin"));

        Assert.Empty(placed.Warnings);
    }

    [Fact]
    public async Task DiscontinuingKeepsTheReasonAndASecondTimeIsAConflict()
    {
        var (mrn, medications) = await Patient("nka");
        var order = (await medications.PlaceOrder(Order("paracetamol", 1, "g", "qds"))).Order!;

        var stopped = await medications.Discontinue(order.Id, "pain resolved");

        Assert.Equal((OrderStatus.Discontinued, "pain resolved"), (stopped.Status, stopped.DiscontinueReason));
        Assert.Equal(HospitalErrorKind.Conflict, (await Assert.ThrowsAsync<HospitalException>(() => medications.Discontinue(order.Id, "again"))).Kind);
        Assert.Single(await Journal(mrn, MedicationEventKind.MedicationOrderDiscontinued));
        Assert.DoesNotContain(await medications.GetMar(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(2)), d => d.OrderId == order.Id);
    }

    [Fact]
    public async Task AnUnknownDrugOrFrequencyIsRejected()
    {
        var (_, medications) = await Patient("nka");

        Assert.Equal("drug", (await Assert.ThrowsAsync<HospitalException>(() => medications.PlaceOrder(Order("unobtainium")))).Field);
        Assert.Equal("frequency", (await Assert.ThrowsAsync<HospitalException>(() => medications.PlaceOrder(Order("paracetamol", frequency: "hourly")))).Field);
    }
}
