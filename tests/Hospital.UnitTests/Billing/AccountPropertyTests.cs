using FsCheck.Xunit;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Grains.Billing;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Billing;

/// <summary>
/// Property test of the account's rules over random event sequences full of repeats: captures (several per source),
/// reversals (before and after their capture), payments (some retried by id), stay changes arriving in any order
/// (a transfer, its cancellation, discharge, old versions again). After every sequence the total is the sum of the
/// lines, the balance is total minus paid, no source is charged twice, and no line is credited beyond itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountPropertyTests(ClusterFixture fixture)
{
    private static readonly string[] Codes = ["PROP-A", "PROP-B", "PROP-UNPRICED"];

    private async Task PriceAsync()
    {
        var master = fixture.Grains.GetGrain<IChargeMasterGrain>(0);
        var from = DateTimeOffset.UtcNow.AddYears(-1);
        await master.Add(new ChargeItemSpec("PROP-A", "Item A", 1.25m, from, null));
        await master.Add(new ChargeItemSpec("PROP-B", "Item B", 0.33m, from, null));
        await master.Add(new ChargeItemSpec("BED-DAY-GENERAL", "Bed-day", 400m, from, ChargeCategory.Accommodation));
    }

    /// <summary>The admission's versions: admitted 4 days ago, moved, the move cancelled, discharged yesterday.</summary>
    private static Encounter[] Versions(string encounterId, DateTimeOffset now)
    {
        var admitted = now.AddDays(-4);
        var moved = now.AddDays(-3);
        var first = new Encounter(encounterId, "H-PROP", "WA-1", "WA", EncounterStatus.InProgress, admitted, null, false, null,
            [new BedStay("WA-1", "WA", admitted, null)], 1);
        var transferred = first with
        {
            BedId = "WB-1", WardId = "WB", Version = 2,
            Locations = [new BedStay("WA-1", "WA", admitted, moved), new BedStay("WB-1", "WB", moved, null)],
        };
        var cancelled = first with { Version = 3 };
        var discharged = cancelled with
        {
            Status = EncounterStatus.Finished, DischargedAt = now.AddDays(-1), Version = 4,
            Locations = [new BedStay("WA-1", "WA", admitted, now.AddDays(-1))],
        };
        return [first, transferred, cancelled, discharged];
    }

    [Property(MaxTest = 40)]
    public bool TotalsAreSumsOfLinesAndNoSourceIsChargedTwice(byte[] script) => RunAsync(script ?? []).GetAwaiter().GetResult();

    private async Task<bool> RunAsync(byte[] script)
    {
        await PriceAsync();
        var encounterId = "E-PROP-" + Guid.NewGuid().ToString("N")[..10];
        var account = fixture.Grains.GetGrain<IAccountGrain>(encounterId);
        var now = DateTimeOffset.UtcNow;
        var versions = Versions(encounterId, now);
        await account.StayChanged(versions[0]);
        var newest = versions[0];
        for (var i = 0; i + 1 < script.Length && i < 120; i += 2)
        {
            var (op, arg) = (script[i] % 5, script[i + 1]);
            var source = $"supply:bin:{arg % 6}";
            switch (op)
            {
                case 0 or 1:
                    await account.Capture(new ChargeCapture(source, ChargeSourceKind.Supply, Codes[arg % 6 % 3], 1 + arg % 4, now.AddHours(-arg % 48), "H-PROP"));
                    break;
                case 2:
                    await account.Reverse(source, "undone", now);
                    break;
                case 3:
                    await account.PostPayment(new PaymentCommand(0.01m * (1 + arg), PaymentMethod.Cash, null, PaymentId: arg % 2 == 0 ? $"pay-{arg % 3}" : null));
                    break;
                default:
                    var version = versions[arg % versions.Length];
                    await account.StayChanged(version);
                    newest = version.Version > newest.Version ? version : newest;
                    break;
            }
        }

        var final = (await account.Get())!;
        var charges = final.Charges.Where(c => c.Reverses is null).ToList();
        decimal Net(ChargeLine line) => line.Quantity + final.Charges.Where(k => k.Reverses == line.Id).Sum(k => k.Quantity);
        var bedDays = charges.Where(c => c.Source.StartsWith("bed-day:", StringComparison.Ordinal)).ToList();
        var nights = BedDays.Due(newest, DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Select(n => n.Key).ToHashSet();
        var netNights = bedDays.GroupBy(c => c.Source.Split('#')[0]).ToDictionary(g => g.Key, g => g.Sum(Net));
        return final.Total == final.Charges.Sum(c => c.Amount)
            && final.Paid == final.Payments.Sum(p => p.Amount)
            && final.Balance == final.Total - final.Paid
            // Every event charged at most once: one line per source, never credited beyond itself.
            && charges.Except(bedDays).GroupBy(c => c.Source).All(g => g.Count() == 1)
            && charges.All(c => Net(c) >= 0 && Net(c) <= c.Quantity)
            // Each midnight of the newest stay is charged once net, in its ward; nothing else is.
            && nights.All(n => netNights.GetValueOrDefault(n) == 1)
            && netNights.Where(n => !nights.Contains(n.Key)).All(n => n.Value == 0)
            && final.Charges.Select(c => c.Id).Distinct().Count() == final.Charges.Count
            && final.Payments.Select(p => p.Id).Distinct().Count() == final.Payments.Count
            && final.Charges.All(c => c.Reverses is not null || c.Amount == Money.Line(c.Quantity, c.UnitPrice));
    }
}
