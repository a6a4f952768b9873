using Hospital.Contracts.Billing;

namespace Hospital.Api.Billing.Reports;

/// <summary>Revenue of a group: what was charged, what was credited (zero or negative) and the net of the two.</summary>
public sealed record RevenueAmounts(decimal Charges, decimal Credits, decimal Net);

/// <summary>One hospital day, ward and charge category.</summary>
public sealed record RevenueRow(DateOnly Date, string WardId, ChargeCategory Category, decimal Charges, decimal Credits, decimal Net);

public sealed record RevenueDay(DateOnly Date, decimal Charges, decimal Credits, decimal Net);

public sealed record RevenueWard(string WardId, decimal Charges, decimal Credits, decimal Net);

public sealed record RevenueCategory(ChargeCategory Category, decimal Charges, decimal Credits, decimal Net);

/// <summary>Net revenue from <see cref="From"/> up to (not including) <see cref="To"/>, hospital days.</summary>
/// <param name="Days">Every day of the period, also those with nothing charged.</param>
/// <param name="Lines">The charge and credit lines counted.</param>
/// <param name="Truncated">The period holds more lines than one report reads (<see cref="Revenue.MaxLines"/>).</param>
public sealed record RevenueReport(
    DateOnly From, DateOnly To, string TimeZone, string Currency, IReadOnlyList<RevenueDay> Days, IReadOnlyList<RevenueWard> Wards,
    IReadOnlyList<RevenueCategory> Categories, IReadOnlyList<RevenueRow> Rows, RevenueAmounts Total, int Lines, bool Truncated);

/// <summary>
/// Adds up charge and credit lines by the hospital day of the event charged (not of its posting), its ward and its
/// category; payments are not revenue. Lines are added one at a time, so a long period is read page by page.
/// </summary>
public sealed class Revenue(DateOnly from, DateOnly to, TimeZoneInfo zone, string currency)
{
    /// <summary>The most lines one report reads.</summary>
    public const int MaxLines = 2_000_000;

    public const string NoWard = "unassigned";

    private readonly Dictionary<(DateOnly Date, string Ward, ChargeCategory Category), (decimal Charges, decimal Credits)> _groups = [];
    private int _lines;

    /// <summary>
    /// Adds every line of the period from the ledger, page by page in event order: a page starts at the last time of the
    /// one before, skipping the lines already read at that instant. True when it stopped short (too many lines).
    /// </summary>
    public async Task<bool> ReadAsync(IBillingLedger ledger, int pageSize = 10_000, CancellationToken cancellationToken = default)
    {
        var start = HospitalDays.Start(from, zone);
        var end = HospitalDays.Start(to, zone);
        var readAtStart = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await ledger.LinesAsync(start, end, pageSize, cancellationToken);
            var fresh = 0;
            foreach (var line in page.Where(l => l.EventAt != start || !readAtStart.Contains(l.Id)))
            {
                if (_lines == MaxLines)
                {
                    return true;
                }

                Add(line);
                fresh++;
            }

            if (page.Count < pageSize)
            {
                return false;
            }

            if (fresh == 0)
            {
                // More lines at one instant than a page holds: the next page would be this one again.
                return true;
            }

            var last = page[^1].EventAt;
            if (last != start)
            {
                readAtStart.Clear();
                start = last;
            }

            readAtStart.UnionWith(page.Where(l => l.EventAt == last).Select(l => l.Id));
        }
    }

    public void Add(LedgerLine line)
    {
        if (line.Kind == LedgerLineKind.Payment)
        {
            return;
        }

        var key = (HospitalDays.Of(line.EventAt, zone), line.WardId ?? NoWard, line.Category ?? ChargeCategory.Other);
        var (charges, credits) = _groups.GetValueOrDefault(key);
        // A credit lowers revenue whichever sign its row carries.
        _groups[key] = line.Kind == LedgerLineKind.Credit ? (charges, credits - Math.Abs(line.Amount)) : (charges + line.Amount, credits);
        _lines++;
    }

    public RevenueReport Report(bool truncated)
    {
        var rows = _groups.OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Ward, StringComparer.Ordinal).ThenBy(g => g.Key.Category)
            .Select(g => new RevenueRow(g.Key.Date, g.Key.Ward, g.Key.Category, Cents.Of(g.Value.Charges), Cents.Of(g.Value.Credits), Cents.Of(g.Value.Charges + g.Value.Credits)))
            .ToList();
        var byDay = rows.ToLookup(r => r.Date);
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber).Select(from.AddDays)
            .Select(d => Sum(byDay[d], a => new RevenueDay(d, a.Charges, a.Credits, a.Net))).ToList();
        var wards = rows.GroupBy(r => r.WardId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum(g, a => new RevenueWard(g.Key, a.Charges, a.Credits, a.Net))).ToList();
        var categories = rows.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => Sum(g, a => new RevenueCategory(g.Key, a.Charges, a.Credits, a.Net))).ToList();
        return new RevenueReport(from, to, zone.Id, currency, days, wards, categories, rows, Sum(rows, a => a), _lines, truncated);
    }

    private static T Sum<T>(IEnumerable<RevenueRow> rows, Func<RevenueAmounts, T> shape)
    {
        var list = rows as IReadOnlyCollection<RevenueRow> ?? rows.ToList();
        var charges = Cents.Of(list.Sum(r => r.Charges));
        var credits = Cents.Of(list.Sum(r => r.Credits));
        return shape(new RevenueAmounts(charges, credits, Cents.Of(charges + credits)));
    }
}
