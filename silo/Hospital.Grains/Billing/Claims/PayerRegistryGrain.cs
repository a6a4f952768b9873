using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Billing.Claims;

public sealed class PayerRegistryGrain(
    [PersistentState("payer-registry", HospitalStorage.Name)] IPersistentState<PayerRegistryState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IPayerRegistryGrain
{
    public async Task<Payer> Add(PayerSpec spec)
    {
        if (state.State.Payers.TryGetValue(spec.Id, out var known))
        {
            return known.Name == spec.Name && known.Kind == spec.Kind && known.Contact == spec.Contact
                ? known
                : throw HospitalException.Conflict("Payer exists", $"Payer '{spec.Id}' already exists as '{known.Name}' ({known.Kind}).");
        }

        var payer = new Payer(spec.Id, spec.Name, spec.Kind, spec.Contact, clock.GetUtcNow(), Actor.Current);
        var payers = state.State.Payers.ToDictionary();
        payers[payer.Id] = payer;
        state.State = state.State with { Payers = payers };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(nameof(InsuranceEventKind.PayerRegistered), payer.Id, null, new PayerJournalEvent(payer), payer.CreatedAt)],
        });
        return payer;
    }

    public Task<Payer?> Get(string payerId) => Task.FromResult(state.State.Payers.GetValueOrDefault(payerId));

    public Task<IReadOnlyList<Payer>> List() =>
        Task.FromResult<IReadOnlyList<Payer>>([.. state.State.Payers.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)]);
}
