using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;
using Hospital.Grains.Medications;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Billing.Claims;

/// <summary>
/// A patient's coverages. Two active coverages of one priority never cover the same day, so each day has at most one
/// primary coverage: the lowest priority in force.
/// </summary>
public sealed class CoverageGrain(
    [PersistentState("coverage", HospitalStorage.Name)] IPersistentState<CoverageState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<HospitalZoneOptions> zone) : Grain, ICoverageGrain
{
    private const int MaxCoverages = 100;

    private string Mrn => this.GetPrimaryKeyString();

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone.Value.Zone).DateTime);

    public async Task<Coverage> Add(CoverageSpec spec)
    {
        if (spec.Priority is < CoverageRules.MinPriority or > CoverageRules.MaxPriority)
        {
            throw HospitalException.Invalid("priority", $"The priority must be {CoverageRules.MinPriority} to {CoverageRules.MaxPriority}.");
        }

        if (spec.ValidFrom is { } from && spec.ValidTo is { } to && to < from)
        {
            throw HospitalException.Invalid("validTo", "The validTo date must not be before validFrom.");
        }

        _ = await GrainFactory.GetGrain<IPayerRegistryGrain>(0).Get(spec.PayerId) ?? throw HospitalException.NotFound("Payer", spec.PayerId);
        var id = Operation.NewId("COV", $"coverage:{Mrn}");
        if (state.State.Coverages.FirstOrDefault(c => c.Id == id) is { } retried)
        {
            return retried;
        }

        var coverage = new Coverage(id, Mrn, spec.PayerId, spec.MemberId, spec.Plan, spec.Priority, spec.ValidFrom, spec.ValidTo,
            CoverageStatus.Active, clock.GetUtcNow(), Actor.Current);
        if (state.State.Coverages.FirstOrDefault(c => c.Status == CoverageStatus.Active && c.Priority == spec.Priority && Overlap(c, coverage)) is { } clash)
        {
            throw HospitalException.Conflict("Priority taken",
                $"Coverage '{clash.Id}' ({clash.PayerId}) already has priority {clash.Priority} for some of these dates; end it or choose another priority.");
        }

        if (state.State.Coverages.Count >= MaxCoverages)
        {
            throw HospitalException.Conflict("Too many coverages", $"A patient has at most {MaxCoverages} coverages.");
        }

        return await Commit(coverage, InsuranceEventKind.CoverageAdded, [.. state.State.Coverages, coverage]);
    }

    public Task<IReadOnlyList<Coverage>> List() =>
        Task.FromResult<IReadOnlyList<Coverage>>([.. state.State.Coverages.OrderBy(c => c.Status).ThenBy(c => c.Priority).ThenBy(c => c.CreatedAt)]);

    public async Task<Coverage> End(string coverageId, string reason)
    {
        var coverage = Find(coverageId);
        if (coverage.Status == CoverageStatus.Ended)
        {
            throw HospitalException.Conflict("Coverage ended", $"Coverage '{coverageId}' was ended on {coverage.EndedOn:yyyy-MM-dd}.", [nameof(CoverageStatus.Active)]);
        }

        var ended = coverage with { Status = CoverageStatus.Ended, EndedOn = Day(clock.GetUtcNow()), EndReason = reason, EndedBy = Actor.Current };
        return await Commit(ended, InsuranceEventKind.CoverageEnded, [.. state.State.Coverages.Select(c => c.Id == coverageId ? ended : c)]);
    }

    public Task<CoverageChoice> Choose(string? coverageId, DateTimeOffset? at)
    {
        var day = Day(at ?? clock.GetUtcNow());
        var primary = state.State.Coverages.Where(c => c.CoversOn(day)).OrderBy(c => c.Priority).FirstOrDefault();
        if (coverageId is null)
        {
            return Task.FromResult(new CoverageChoice(
                primary ?? throw HospitalException.Conflict("No coverage", $"Patient '{Mrn}' has no coverage in force on {day:yyyy-MM-dd}; add one or name it."),
                primary));
        }

        var chosen = Find(coverageId);
        return chosen.CoversOn(day)
            ? Task.FromResult(new CoverageChoice(chosen, primary))
            : throw HospitalException.Conflict("Coverage not in force", $"Coverage '{coverageId}' does not cover {day:yyyy-MM-dd}.");
    }

    private Coverage Find(string coverageId) =>
        state.State.Coverages.FirstOrDefault(c => c.Id == coverageId) ?? throw HospitalException.NotFound("Coverage", coverageId);

    private static bool Overlap(Coverage a, Coverage b) =>
        (a.ValidFrom is null || b.LastDay is null || a.ValidFrom <= b.LastDay) && (b.ValidFrom is null || a.LastDay is null || b.ValidFrom <= a.LastDay);

    private async Task<Coverage> Commit(Coverage coverage, InsuranceEventKind kind, IReadOnlyList<Coverage> coverages)
    {
        state.State = state.State with { Coverages = coverages };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(kind.ToString(), coverage.Id, Mrn, new CoverageJournalEvent(coverage), clock.GetUtcNow())],
        });
        return coverage;
    }
}
