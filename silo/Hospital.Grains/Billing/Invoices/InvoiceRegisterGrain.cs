using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Grains.Admissions;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Billing.Invoices;

/// <summary>
/// Issues invoices in sequence. The next number, the journal line and the message that stores the invoice in its own
/// grain commit in one transaction: a crash before it leaves no number used, after it the sweeper stores the invoice,
/// so numbers are consecutive, never reused and never without their invoice.
/// </summary>
public sealed class InvoiceRegisterGrain(
    [PersistentState("invoice-register", HospitalStorage.Name)] IPersistentState<InvoiceRegisterState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IInvoiceRegisterGrain
{
    /// <summary>How many operations are remembered for their retries (far more than can be in flight at once).</summary>
    private const int OperationsKept = 500;

    public async Task<Invoice> Issue(string encounterId)
    {
        var operation = Operation.Current;
        if (operation is not null && state.State.Recent.FirstOrDefault(r => r.Operation == operation) is { } earlier)
        {
            // Stored by the message committed with the number; only a crash in between leaves it to the sweeper.
            return await GrainFactory.GetGrain<IInvoiceGrain>(earlier.Number).Get()
                ?? throw new StorageUnavailableException($"Invoice {earlier.Number} is still being stored; try again.");
        }

        var account = await GrainFactory.GetGrain<IAccountGrain>(encounterId).Get() ?? throw HospitalException.NotFound("Account", encounterId);
        if (account.Charges.Count == 0)
        {
            throw HospitalException.Conflict("Nothing to invoice", $"The account of admission '{encounterId}' has no lines yet.");
        }

        var patient = await GrainFactory.PatientAsync(account.Mrn);
        var sequence = state.State.Issued + 1;
        var now = clock.GetUtcNow();
        var invoice = InvoiceDraft.Of(account, patient, InvoiceNumbers.Format(sequence), now, Actor.Current);
        state.State = state.State with
        {
            Issued = sequence,
            Recent = operation is null ? state.State.Recent : [.. state.State.Recent.TakeLast(OperationsKept - 1), new IssuedOperation(operation, invoice.Number)],
        };
        var issued = new InvoiceIssuedJournalEvent(invoice.Number, invoice.EncounterId, invoice.Currency, invoice.Lines.Count, invoice.Total, invoice.Paid,
            invoice.BalanceDue, invoice.AccountVersion);
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(nameof(InvoiceEventKind.InvoiceIssued), invoice.Number, invoice.Mrn, issued, now)],
            Send = [new InvoiceIssuedMessage(invoice)],
        });
        return invoice;
    }
}
