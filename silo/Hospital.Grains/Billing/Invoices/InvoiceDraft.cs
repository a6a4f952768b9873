using Hospital.Contracts.Billing;
using Hospital.Contracts.Patients;

namespace Hospital.Grains.Billing.Invoices;

/// <summary>
/// An invoice from an account: every line numbered 1..n in the order it was posted (credits as lines of their own),
/// totals as the sums of those lines (Money rules), and the payments received. Pure, so it is tested on its own.
/// </summary>
public static class InvoiceDraft
{
    public static Invoice Of(Account account, Patient patient, string number, DateTimeOffset issuedAt, string issuedBy)
    {
        var lines = account.Charges
            .Select((c, i) => new InvoiceLine(i + 1, c.Id, c.Code, c.Description, c.Category, c.EventAt, c.Quantity, Cents.Of(c.UnitPrice),
                Cents.Of(c.Amount), c.Reverses, c.Reason))
            .ToList();
        var payments = account.Payments.Select(p => new InvoicePayment(p.Id, p.ReceivedAt, p.Method, p.Reference, Cents.Of(p.Amount))).ToList();
        var subtotal = Cents.Of(lines.Where(l => !l.IsCredit).Sum(l => l.Amount));
        var credits = Cents.Of(lines.Where(l => l.IsCredit).Sum(l => l.Amount));
        var paid = Cents.Of(payments.Sum(p => p.Amount));
        var total = Cents.Of(subtotal + credits);
        return new Invoice(number, issuedAt, issuedBy, account.EncounterId, account.Mrn, new InvoicePatient(patient.Name, patient.BirthDate),
            account.Currency, account.PayerId, lines, subtotal, credits, total, payments, paid, Cents.Of(total - paid), account.Version);
    }
}
