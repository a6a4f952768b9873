using Hospital.Contracts.Patients;

namespace Hospital.Contracts.Billing;

/// <summary>One numbered line of an invoice, copied from an account line (a credit is a line of its own, negative).</summary>
/// <param name="Number">1..n in the order the account posted its lines.</param>
/// <param name="ChargeId">The account line it copies.</param>
/// <param name="Reverses">For a credit: the account line it credits.</param>
[GenerateSerializer, Immutable, Alias("hospital.invoice-line")]
public sealed record InvoiceLine(
    [property: Id(0)] int Number,
    [property: Id(1)] string ChargeId,
    [property: Id(2)] string Code,
    [property: Id(3)] string Description,
    [property: Id(4)] ChargeCategory Category,
    [property: Id(5)] DateTimeOffset ServiceAt,
    [property: Id(6)] decimal Quantity,
    [property: Id(7)] decimal UnitPrice,
    [property: Id(8)] decimal Amount,
    [property: Id(9)] string? Reverses,
    [property: Id(10)] string? Reason)
{
    public bool IsCredit => Reverses is not null;
}

/// <summary>A payment the invoice takes into account.</summary>
[GenerateSerializer, Immutable, Alias("hospital.invoice-payment")]
public sealed record InvoicePayment(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2)] PaymentMethod Method,
    [property: Id(3)] string? Reference,
    [property: Id(4)] decimal Amount);

/// <summary>Who the invoice is for, as registered when it was issued.</summary>
[GenerateSerializer, Immutable, Alias("hospital.invoice-patient")]
public sealed record InvoicePatient(
    [property: Id(0)] PersonName Name,
    [property: Id(1)] DateOnly BirthDate);

/// <summary>
/// An invoice: the account of an admission as it stood when the invoice was issued. Immutable once issued; a later
/// invoice of the same admission is a new document with a new number.
/// </summary>
/// <param name="Number"><c>INV-000001</c>, in the order invoices were issued; never reused.</param>
/// <param name="Subtotal">The sum of the charge lines.</param>
/// <param name="Credits">The sum of the credit lines (zero or negative).</param>
/// <param name="Total">Subtotal plus credits.</param>
/// <param name="BalanceDue">Total less what was paid.</param>
/// <param name="AccountVersion">The account version the invoice copies.</param>
[GenerateSerializer, Immutable, Alias("hospital.invoice")]
public sealed record Invoice(
    [property: Id(0)] string Number,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] string IssuedBy,
    [property: Id(3)] string EncounterId,
    [property: Id(4)] string Mrn,
    [property: Id(5)] InvoicePatient Patient,
    [property: Id(6)] string Currency,
    [property: Id(7)] string? PayerId,
    [property: Id(8)] IReadOnlyList<InvoiceLine> Lines,
    [property: Id(9)] decimal Subtotal,
    [property: Id(10)] decimal Credits,
    [property: Id(11)] decimal Total,
    [property: Id(12)] IReadOnlyList<InvoicePayment> Payments,
    [property: Id(13)] decimal Paid,
    [property: Id(14)] decimal BalanceDue,
    [property: Id(15)] long AccountVersion)
{
    public InvoiceSummary ToSummary() => new(Number, IssuedAt, EncounterId, Mrn, Currency, Lines.Count, Total, Paid, BalanceDue);
}

/// <summary>An invoice in a list: its number and totals.</summary>
[GenerateSerializer, Immutable, Alias("hospital.invoice-summary")]
public sealed record InvoiceSummary(
    [property: Id(0)] string Number,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] string EncounterId,
    [property: Id(3)] string Mrn,
    [property: Id(4)] string Currency,
    [property: Id(5)] int Lines,
    [property: Id(6)] decimal Total,
    [property: Id(7)] decimal Paid,
    [property: Id(8)] decimal BalanceDue);

/// <summary>Invoice numbers: <c>INV-</c> and at least six digits.</summary>
public static class InvoiceNumbers
{
    private const string Prefix = "INV-";

    public static string Format(long sequence) => Prefix + sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The position of an issued number in the sequence.</summary>
    public static long Sequence(string number) => long.Parse(number.AsSpan(Prefix.Length), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="number"/> could have been issued (checked before a grain is activated for it).</summary>
    public static bool IsValid(string? number) =>
        number is { Length: >= 10 and <= 22 } && number.StartsWith(Prefix, StringComparison.Ordinal) && number[Prefix.Length..].All(char.IsAsciiDigit);
}

public enum InvoiceEventKind
{
    InvoiceIssued,
}

/// <summary>An invoice was issued: the journal's record of the document (the document itself is in its grain).</summary>
public sealed record InvoiceIssuedJournalEvent(string Number, string EncounterId, string Currency, int Lines, decimal Total, decimal Paid, decimal BalanceDue, long AccountVersion);

/// <summary>Money as documents and reports show it: rounded to cents (Money rules) and always with two decimals (12.50, 0.00).</summary>
public static class Cents
{
    public static decimal Of(decimal amount) => Money.Round(amount) + 0.00m;
}
