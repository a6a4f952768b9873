using System.Globalization;
using Hospital.Contracts.Billing;

namespace Hospital.Api.Billing.Invoices;

/// <summary>How an invoice reads, the same on the printable page and in the PDF.</summary>
public static class InvoiceText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Amount(decimal amount) => amount.ToString("#,##0.00", Invariant);

    public static string Quantity(decimal quantity) => quantity.ToString("0.####", Invariant);

    /// <summary>The day in the hospital's time zone.</summary>
    public static string Day(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", Invariant);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    public static string PatientName(Invoice invoice) => $"{invoice.Patient.Name.Given} {invoice.Patient.Name.Family}".Trim();

    /// <summary>A line's description; a credit names the line it credits and why.</summary>
    public static string Describe(InvoiceLine line, IReadOnlyDictionary<string, int> numbers)
    {
        if (!line.IsCredit)
        {
            return line.Description;
        }

        var of = numbers.TryGetValue(line.Reverses!, out var number) ? $" — credits line {number}" : " — credit";
        return $"{line.Description}{of}{(string.IsNullOrWhiteSpace(line.Reason) ? "" : $": {line.Reason}")}";
    }

    /// <summary>Each account line's number on the invoice, for credits to refer to.</summary>
    public static IReadOnlyDictionary<string, int> Numbers(Invoice invoice) => invoice.Lines.ToDictionary(l => l.ChargeId, l => l.Number, StringComparer.Ordinal);

    /// <summary>The totals block: label, amount, whether it stands out.</summary>
    public static IReadOnlyList<(string Label, decimal Amount, bool Strong)> Totals(Invoice invoice) =>
    [
        ("Subtotal", invoice.Subtotal, false),
        ("Credits", invoice.Credits, false),
        ($"Total ({invoice.Currency})", invoice.Total, true),
        ("Paid", invoice.Paid, false),
        ($"Balance due ({invoice.Currency})", invoice.BalanceDue, true),
    ];

    public static string Payment(InvoicePayment payment) =>
        $"{payment.Method}{(string.IsNullOrWhiteSpace(payment.Reference) ? "" : $" {payment.Reference}")}";
}
