using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Billing;

/// <summary>
/// The charge master: each code's price versions. A new price is a new version from its start; versions are never
/// changed, so a charge posted at a price keeps it.
/// </summary>
public sealed class ChargeMasterGrain(
    [PersistentState("charge-master", HospitalStorage.Name)] IPersistentState<ChargeMasterState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IChargeMasterGrain
{
    /// <summary>The earliest start a price may have.</summary>
    public static readonly DateTimeOffset EarliestStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead a price may be set to start.</summary>
    public static readonly TimeSpan LatestStartAhead = TimeSpan.FromDays(5 * 366);

    private ILookup<string, ChargeItem>? _byCode;

    private ILookup<string, ChargeItem> ByCode => _byCode ??= state.State.Items.OrderBy(i => i.EffectiveFrom).ToLookup(i => i.Code, StringComparer.Ordinal);

    public async Task<ChargeItem> Add(ChargeItemSpec spec)
    {
        var now = clock.GetUtcNow();
        var item = Validate(spec, now);
        if (ByCode[item.Code].FirstOrDefault(i => i.EffectiveFrom == item.EffectiveFrom) is { } existing)
        {
            return existing.Description == item.Description && existing.UnitPrice == item.UnitPrice && existing.Category == item.Category
                ? existing
                : throw HospitalException.Conflict("Price version exists",
                    $"Code '{item.Code}' already has a price from {item.EffectiveFrom:u}; give the new price another effectiveFrom.");
        }

        await Commit([item], "ChargeMasterPriced");
        return item;
    }

    public async Task<int> Seed(IReadOnlyList<ChargeItemSpec> specs)
    {
        var now = clock.GetUtcNow();
        var added = specs.Where(s => !ByCode[s.Code].Any()).Select(s => Validate(s, now)).DistinctBy(i => i.Code).ToList();
        if (added.Count > 0)
        {
            await Commit(added, "ChargeMasterSeeded");
        }

        return added.Count;
    }

    public Task<IReadOnlyList<ChargeItem>> List() =>
        Task.FromResult<IReadOnlyList<ChargeItem>>([.. state.State.Items.OrderBy(i => i.Code, StringComparer.Ordinal).ThenBy(i => i.EffectiveFrom)]);

    public Task<ChargeItem?> PriceAt(string code, DateTimeOffset at, bool orFirst = false)
    {
        var versions = ByCode[code];
        return Task.FromResult(versions.LastOrDefault(i => i.EffectiveFrom <= at) ?? (orFirst ? versions.FirstOrDefault() : null));
    }

    public Task<IReadOnlyDictionary<string, string>> WardRates() => Task.FromResult(state.State.WardRates);

    public async Task SetWardRate(string wardId, string code)
    {
        if (!ChargeCodes.IsValid(code))
        {
            throw HospitalException.Invalid("code", "A charge code is 1 to 64 letters, digits or - _ . :");
        }

        if (state.State.WardRates.GetValueOrDefault(wardId) == code)
        {
            return;
        }

        var rates = new Dictionary<string, string>(state.State.WardRates, StringComparer.Ordinal) { [wardId] = code };
        state.State = state.State with { WardRates = rates };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line("WardBedDayCodeSet", wardId, null, new { wardId, code }, clock.GetUtcNow())],
        });
    }

    private static ChargeItem Validate(ChargeItemSpec spec, DateTimeOffset now)
    {
        if (!ChargeCodes.IsValid(spec.Code))
        {
            throw HospitalException.Invalid("code", "A charge code is 1 to 64 letters, digits or - _ . :");
        }

        var description = spec.Description?.Trim() ?? "";
        if (description.Length is 0 or > 200)
        {
            throw HospitalException.Invalid("description", "A description of 1 to 200 characters is required.");
        }

        if (spec.UnitPrice < 0 || spec.UnitPrice > Money.MaxAmount || !Money.HasAtMostDecimals(spec.UnitPrice, 2))
        {
            throw HospitalException.Invalid("unitPrice", $"The unit price must be between 0 and {Money.MaxAmount} with at most 2 decimals.");
        }

        var from = spec.EffectiveFrom ?? now;
        if (from < EarliestStart || from > now + LatestStartAhead)
        {
            throw HospitalException.Invalid("effectiveFrom", $"effectiveFrom must be between {EarliestStart:yyyy-MM-dd} and five years ahead.");
        }

        return new ChargeItem(spec.Code, description, spec.UnitPrice, from.ToUniversalTime(), spec.Category ?? ChargeCategory.Other, now, Actor.Current);
    }

    private async Task Commit(IReadOnlyList<ChargeItem> added, string kind)
    {
        state.State = state.State with { Items = [.. state.State.Items, .. added] };
        _byCode = null;
        await changes.CommitAsync(this, state, new Change
        {
            // A seed is one fact (hundreds of codes); a price set by a user is one line each.
            Journal = added.Count == 1
                ? [JournalExtensions.Line(kind, added[0].Code, null, added[0], added[0].CreatedAt)]
                : [JournalExtensions.Line(kind, "charge-master", null, new { count = added.Count, codes = added.Select(i => i.Code).ToList() }, clock.GetUtcNow())],
        });
    }
}
