using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Billing.Invoices;

/// <summary>The invoices of the admissions of one shard, in the order they were issued.</summary>
public sealed class InvoiceIndexGrain(
    [PersistentState("invoice-index", HospitalStorage.Name)] IPersistentState<InvoiceIndexState> state,
    GrainChanges changes) : Grain, IInvoiceIndexGrain
{
    public async Task Add(InvoiceSummary invoice)
    {
        if (state.State.Invoices.Any(i => i.Number == invoice.Number))
        {
            return;
        }

        // Messages may arrive out of order (a redelivery after a crash): keep the list in issue order.
        state.State = state.State with { Invoices = [.. state.State.Invoices.Append(invoice).OrderBy(i => InvoiceNumbers.Sequence(i.Number))] };
        await changes.CommitAsync(this, state, Change.None);
    }

    public Task<IReadOnlyList<InvoiceSummary>> Of(string encounterId) =>
        Task.FromResult<IReadOnlyList<InvoiceSummary>>([.. state.State.Invoices.Where(i => i.EncounterId == encounterId)]);

    public Task<IReadOnlyList<InvoiceSummary>> Latest() =>
        Task.FromResult<IReadOnlyList<InvoiceSummary>>([.. state.State.Invoices.GroupBy(i => i.EncounterId).Select(g => g.Last())]);
}
