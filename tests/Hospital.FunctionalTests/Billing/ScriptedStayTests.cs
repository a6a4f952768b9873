using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;
using Hospital.Grains.Medications;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Billing;

/// <summary>
/// A whole stay on the real SQLite platform with hospital time on a fake clock: admission, midnights, doses, supplies,
/// a lab test, a transfer to a ward with another bed-day rate and discharge post exactly the expected lines, to the
/// cent; repeated events and a restart in the middle change nothing; undone events are credited, never deleted.
/// Run on both storage engines (the ledger rows are committed in the account's transaction on each).
/// </summary>
public abstract class ScriptedStayTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync() =>
        _host = await PlatformHost.StartAsync(await SettingsAsync(), s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IGrainFactory Grains => _host.Grains;

    private static readonly string Paracetamol = DrugKnowledge.Shipped.FindDrug("paracetamol")!.Code;

    /// <summary>Moves hospital time to the next <paramref name="hour"/>:<paramref name="minute"/> London time at least <paramref name="days"/> days on.</summary>
    private DateTimeOffset MoveTo(int days, int hour, int minute = 0)
    {
        var now = _clock.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, London).DateTime).AddDays(days);
        var target = DoseSchedule.ToUtc(day, new TimeOnly(hour, minute), London);
        if (target <= now)
        {
            target = DoseSchedule.ToUtc(day.AddDays(1), new TimeOnly(hour, minute), London);
        }

        _clock.Advance(target - now);
        return target;
    }

    private async Task<(string WardA, string WardB, string BinId, string Sku)> HospitalAsync(string tag)
    {
        var (a, b) = ("A" + tag, "B" + tag);
        foreach (var ward in new[] { a, b })
        {
            await Grains.GetGrain<IWardGrain>(ward).Create("Ward " + ward, SexPolicy.Mixed);
            await Grains.GetGrain<IWardGrain>(ward).AddBed(ward + "-1", "1", false);
        }

        var master = Grains.GetGrain<IChargeMasterGrain>(0);
        var from = _clock.GetUtcNow().AddDays(-30);
        var sku = "SKU-" + tag;
        foreach (var (code, price) in new[] { ("BED-GEN-" + tag, 412.50m), ("BED-ICU-" + tag, 1875.25m), (sku, 2.345m), (Paracetamol, 0.75m), ("2345-7", 6.50m) })
        {
            // 2.345 is refused (cents only): the supply is priced at 2.35 and half a cent never appears.
            var unit = Math.Round(price, 2, MidpointRounding.AwayFromZero);
            await master.Add(new ChargeItemSpec(code, "Item " + code, unit, from, null));
        }

        await master.SetWardRate(a, "BED-GEN-" + tag);
        await master.SetWardRate(b, "BED-ICU-" + tag);
        var bin = "BIN-" + tag;
        await Grains.GetGrain<ISupplyBinGrain>(bin).Create(new BinSpec(a, new Item(sku, "Dressing", "each", null), 50, 5));
        await Grains.GetGrain<ISupplyBinGrain>(bin).Restock(40, "L1", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddYears(1));
        return (a, b, bin, sku);
    }

    private async Task<string> PatientAsync()
    {
        var mrn = await Grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await Grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Ada", "Byron"), new DateOnly(1961, 3, 4), Sex.Female));
        await Grains.GetGrain<IChartGrain>(mrn).AddEntry("allergies", """{"substance":"no known allergies"}""");
        return mrn;
    }

    private async Task<Account> AccountAsync(string encounterId) => (await Grains.GetGrain<IAccountGrain>(encounterId).Get())!;

    /// <summary>The account once the messages of what just happened have arrived (they are delivered after each commit).</summary>
    private async Task<Account> AccountWithAsync(string encounterId, int lines)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var account = await AccountAsync(encounterId);
            if (account.Charges.Count >= lines || DateTime.UtcNow > deadline)
            {
                return account;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AStayPostsExactlyTheExpectedLinesToTheCentAndRetriesAndARestartChangeNothing()
    {
        var (wardA, wardB, binId, sku) = await HospitalAsync("S1");
        var mrn = await PatientAsync();
        MoveTo(1, 10);
        var encounter = await Grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, wardA + "-1", false, null, null));
        var medications = Grains.GetGrain<IMedicationGrain>(mrn);
        var order = (await medications.PlaceOrder(new MedicationOrderRequest("paracetamol", 1, "g", "oral", "prn"))).Order!;

        // Day 1: two doses, a supply of 3, a lab test resulted; a dose and the lab recorded twice (retries).
        await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given));
        await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given));
        _clock.Advance(TimeSpan.FromHours(4));
        await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given));
        await Grains.GetGrain<ISupplyBinGrain>(binId).Consume(3, mrn, null);
        var chart = Grains.GetGrain<IChartGrain>(mrn);
        var lab = await chart.PlaceLabOrder("2345-7", LabPriority.Routine, null);
        var result = new LabResult("RES-" + lab.Id, mrn, "2345-7", "Glucose", 5.4m, "mmol/L", 3.9m, 5.6m, null, null, "", _clock.GetUtcNow(), default, "", lab.Id);
        await chart.RecordLab(result);
        await chart.RecordLab(result);
        Assert.Equal(4, (await AccountWithAsync(encounter.EncounterId, 4)).Charges.Count);

        // Midnight in ward A; then a restart before anything reads the account.
        MoveTo(1, 9);
        await _host.RestartAsync();
        var afterRestart = await AccountAsync(encounter.EncounterId);
        Assert.Single(afterRestart.Charges, c => c.Code == "BED-GEN-S1");

        // Day 2 (grains of the new host): transfer to ward B (another rate), the third dose, a supply of 2, and a redelivered capture.
        medications = Grains.GetGrain<IMedicationGrain>(mrn);
        await Grains.GetGrain<IEncounterGrain>(encounter.EncounterId).Transfer(wardB + "-1");
        await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given));
        await Grains.GetGrain<ISupplyBinGrain>(binId).Consume(2, mrn, null);
        var supply = afterRestart.Charges.Single(c => c.Code == sku);
        await Grains.GetGrain<IAccountGrain>(encounter.EncounterId).Capture(
            new ChargeCapture(supply.Source, ChargeSourceKind.Supply, sku, 3, supply.EventAt, mrn));

        // Midnight in ward B, discharge in the morning, then days pass: no more bed-days.
        MoveTo(1, 11);
        await Grains.GetGrain<IEncounterGrain>(encounter.EncounterId).Discharge();
        var final = await AccountWithAsync(encounter.EncounterId, 8);
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(final.Charges.Count, (await AccountAsync(encounter.EncounterId)).Charges.Count);

        var expected = new Dictionary<string, (decimal Quantity, decimal Amount, int Lines)>
        {
            ["BED-GEN-S1"] = (1, 412.50m, 1),
            ["BED-ICU-S1"] = (1, 1875.25m, 1),
            [Paracetamol] = (3, 2.25m, 3),
            [sku] = (5, 11.75m, 2),
            ["2345-7"] = (1, 6.50m, 1),
        };
        var byCode = final.Charges.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => (g.Sum(c => c.Quantity), g.Sum(c => c.Amount), g.Count()));
        Assert.Equal(expected.OrderBy(e => e.Key), byCode.OrderBy(e => e.Key));
        Assert.Equal(2308.25m, final.Total);
        Assert.Equal(final.Charges.Sum(c => c.Amount), final.Total);
        Assert.Equal((0m, 2308.25m), (final.Paid, final.Balance));
        Assert.Equal(final.Charges.Count, final.Charges.Select(c => c.Source).Distinct().Count());
        Assert.Equal(wardB, final.Charges.Single(c => c.Code == "BED-ICU-S1").WardId);
        Assert.All(final.Charges.Where(c => c.Code == Paracetamol), c => Assert.Equal(ChargeCategory.Pharmacy, c.Category));
        Assert.Equal("GBP", final.Currency);
        Assert.Equal(mrn, final.Mrn);

        // The report rows committed with the account add up to the same total.
        var ledger = _host.Services.GetRequiredService<IBillingLedger>();
        var rows = await ledger.LinesAsync(DateTimeOffset.UnixEpoch, _clock.GetUtcNow().AddDays(1), 10_000);
        Assert.Equal(2308.25m, rows.Where(r => r.EncounterId == encounter.EncounterId).Sum(r => r.Amount));
    }

    [Fact]
    public async Task ACancelledTransferACancelledAdmissionAndADoseCorrectedToHeldAreCreditedAndNetToZero()
    {
        var (wardA, wardB, _, _) = await HospitalAsync("S2");
        var mrn = await PatientAsync();
        MoveTo(1, 20);
        var encounter = await Grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, wardA + "-1", false, null, null));
        var stay = Grains.GetGrain<IEncounterGrain>(encounter.EncounterId);
        await stay.Transfer(wardB + "-1");
        var medications = Grains.GetGrain<IMedicationGrain>(mrn);
        var order = (await medications.PlaceOrder(new MedicationOrderRequest("paracetamol", 1, "g", "oral", "prn"))).Order!;
        var dose = await medications.RecordPrnDose(order.Id, new DoseRecord(DoseOutcome.Given));

        // The midnight is spent in ward B (ICU rate)...
        MoveTo(1, 8);
        var before = await AccountWithAsync(encounter.EncounterId, 2);
        Assert.Single(before.Charges, c => c.Code == "BED-ICU-S2");

        // ...until the transfer is cancelled: the ICU bed-day is credited and a ward A bed-day posted.
        await stay.CancelTransfer();
        var corrected = await medications.CorrectDose(dose.Id, new DoseRecord(DoseOutcome.Held, "patient was nil by mouth"));
        Assert.Equal(DoseStatus.Held, corrected.Status);
        var account = await AccountWithAsync(encounter.EncounterId, 5);
        Assert.Equal(0m, account.Charges.Where(c => c.Code == "BED-ICU-S2").Sum(c => c.Amount));
        Assert.Equal(412.50m, account.Charges.Where(c => c.Code == "BED-GEN-S2").Sum(c => c.Amount));
        Assert.Equal(0m, account.Charges.Where(c => c.Code == Paracetamol).Sum(c => c.Amount));
        Assert.All(account.Charges.Where(c => c.Amount < 0), c => Assert.NotNull(c.Reverses));
        Assert.Equal(412.50m, account.Total);

        // Corrected back to Given: charged again under a new source; redelivering the old reversal changes nothing.
        await medications.CorrectDose(dose.Id, new DoseRecord(DoseOutcome.Given, "charted in error: it was given"));
        await Grains.GetGrain<IAccountGrain>(encounter.EncounterId).Reverse($"dose:{dose.Id}", "redelivered", _clock.GetUtcNow());
        account = await AccountWithAsync(encounter.EncounterId, 6);
        Assert.Equal(0.75m, account.Charges.Where(c => c.Code == Paracetamol).Sum(c => c.Amount));

        // The admission was entered in error: everything it charged is credited; lines stay, the total is zero.
        await stay.CancelAdmission();
        var cancelled = await AccountWithAsync(encounter.EncounterId, account.Charges.Count + 2);
        Assert.Equal(0m, cancelled.Total);
        Assert.True(cancelled.Charges.Count >= account.Charges.Count + 2);
        Assert.All(account.Charges, c => Assert.Contains(cancelled.Charges, k => k == c));
    }

    [Fact]
    public async Task AnEventWhoseCodeHasNoPriceWaitsAndIsPricedAtItsTimeOnceTheCodeIsPriced()
    {
        var (wardA, _, _, _) = await HospitalAsync("S3");
        var mrn = await PatientAsync();
        var encounter = await Grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, wardA + "-1", false, null, null));
        var account = Grains.GetGrain<IAccountGrain>(encounter.EncounterId);
        var at = _clock.GetUtcNow();
        await account.Capture(new ChargeCapture("supply:X:1", ChargeSourceKind.Supply, "SKU-UNPRICED-S3", 4, at, mrn));

        var waiting = await AccountAsync(encounter.EncounterId);
        Assert.Single(waiting.Unpriced);
        Assert.DoesNotContain(waiting.Charges, c => c.Code == "SKU-UNPRICED-S3");

        // Priced a week after the event: the event takes the code's first price.
        await Grains.GetGrain<IChargeMasterGrain>(0).Add(new ChargeItemSpec("SKU-UNPRICED-S3", "Late item", 1.25m, at.AddDays(7), null));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var priced = await AccountAsync(encounter.EncounterId);
        Assert.Empty(priced.Unpriced);
        var line = Assert.Single(priced.Charges, c => c.Code == "SKU-UNPRICED-S3");
        Assert.Equal((4m, 1.25m, 5.00m, ChargeCategory.Supplies), (line.Quantity, line.UnitPrice, line.Amount, line.Category));

        // A new price never changes what was posted.
        await Grains.GetGrain<IChargeMasterGrain>(0).Add(new ChargeItemSpec("SKU-UNPRICED-S3", "Late item", 9.99m, _clock.GetUtcNow(), null));
        Assert.Equal(5.00m, (await AccountAsync(encounter.EncounterId)).Charges.Single(c => c.Code == "SKU-UNPRICED-S3").Amount);
    }
}

public sealed class ScriptedStayOnSqliteTests : ScriptedStayTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(PlatformHost.Sqlite());
}

public sealed class ScriptedStayOnPostgresTests : ScriptedStayTests
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
    };
}
