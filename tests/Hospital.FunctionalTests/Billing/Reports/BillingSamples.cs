using Hospital.Contracts.Billing;
using Hospital.Contracts.Patients;

namespace Hospital.FunctionalTests.Billing.Reports;

/// <summary>Accounts, ledger rows and patients for the report and invoice computations.</summary>
public static class BillingSamples
{
    public static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static ChargeLine Charge(string id, decimal quantity, decimal unitPrice, ChargeCategory category = ChargeCategory.Supplies, string? reverses = null,
        string? reason = null, string code = "GLV-M", string description = "Gloves M") =>
        new(id, code, description, quantity, unitPrice, Money.Line(quantity, unitPrice), Noon, reverses is null ? $"manual:{id}" : $"credit:{reverses}", category,
            Noon.AddHours(-1), "W3A", reverses, reason, "billing");

    public static PaymentLine Payment(string id, decimal amount, PaymentMethod method = PaymentMethod.Card, string? reference = null) =>
        new(id, amount, method, reference, Noon, "billing", null, null);

    public static Account Account(IReadOnlyList<ChargeLine> charges, IReadOnlyList<PaymentLine>? payments = null, string encounterId = "E1", string? payerId = null)
    {
        var total = charges.Sum(c => c.Amount);
        var paid = (payments ?? []).Sum(p => p.Amount);
        return new Account(encounterId, "H00000018", "GBP", charges, payments ?? [], total, paid, total - paid, [], payerId, Noon.AddDays(-3), null, 7);
    }

    public static Patient Patient(string given = "Ann", string family = "Lee") =>
        new("H00000018", new PersonName(given, family), new DateOnly(1950, 2, 3), Sex.Female, null, null, Noon, Noon, 1);

    public static LedgerAccount Ledger(string encounterId, decimal balance, DateTimeOffset? dischargedAt, string? payerId = null, decimal? total = null, int unpriced = 0) =>
        new(encounterId, "M-" + encounterId, payerId, (dischargedAt ?? Noon).AddDays(-5), dischargedAt, total ?? balance, (total ?? balance) - balance, balance, unpriced, Noon);

    public static LedgerLine Line(string id, LedgerLineKind kind, decimal amount, DateTimeOffset eventAt, string? wardId = "W3A", ChargeCategory? category = ChargeCategory.Pharmacy) =>
        new(id, "E1", "H00000018", kind, "CODE", kind == LedgerLineKind.Payment ? null : category, wardId, amount, eventAt, eventAt, null);
}
