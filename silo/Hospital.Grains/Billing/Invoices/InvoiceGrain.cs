using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Billing.Invoices;

/// <summary>One invoice, kept as issued; storing it also lists it in its admission's index (one transaction).</summary>
public sealed class InvoiceGrain(
    [PersistentState("invoice", HospitalStorage.Name)] IPersistentState<InvoiceState> state,
    GrainChanges changes) : Grain, IInvoiceGrain
{
    public Task<Invoice?> Get() => Task.FromResult(state.State.Invoice);

    public async Task Store(Invoice invoice)
    {
        if (invoice.Number != this.GetPrimaryKeyString())
        {
            throw HospitalException.Invalid("number", $"Invoice {invoice.Number} cannot be kept as {this.GetPrimaryKeyString()}.");
        }

        if (state.State.Invoice is not null)
        {
            // Issued once: a redelivered message changes nothing.
            return;
        }

        state.State = new InvoiceState { Invoice = invoice };
        await changes.CommitAsync(this, state, new Change { Send = [new InvoiceIndexedMessage(invoice.ToSummary())] });
    }
}
