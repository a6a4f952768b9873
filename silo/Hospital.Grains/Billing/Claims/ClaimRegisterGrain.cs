using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Common;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Billing.Claims;

/// <summary>Every claim's latest summary, as the claims push them (older versions, and repeats, are ignored).</summary>
public sealed class ClaimRegisterGrain(
    [PersistentState("claim-register", HospitalStorage.Name)] IPersistentState<ClaimRegisterState> state,
    GrainChanges changes) : Grain, IClaimRegisterGrain
{
    public async Task Apply(ClaimSummary summary)
    {
        if (state.State.Claims.GetValueOrDefault(summary.Id) is { } held && held.Version >= summary.Version)
        {
            return;
        }

        var claims = state.State.Claims.ToDictionary();
        claims[summary.Id] = summary;
        state.State = state.State with { Claims = claims };
        await changes.CommitAsync(this, state, Change.None);
    }

    public Task<IReadOnlyList<ClaimSummary>> Query(ClaimQuery query) =>
        Task.FromResult<IReadOnlyList<ClaimSummary>>([.. state.State.Claims.Values
            .Where(c => (query.Status is null || c.Status == query.Status) && (query.PayerId is null || c.PayerId == query.PayerId)
                && (query.EncounterId is null || c.EncounterId == query.EncounterId) && (query.Mrn is null || c.Mrn == query.Mrn))
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 0, ClaimQuery.MaxLimit))]);
}
