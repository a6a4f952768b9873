using Hospital.Contracts.Billing;
using Hospital.Contracts.Billing.Claims;

namespace Hospital.Grains.Billing.Claims;

/// <summary>What an account claims: one line per charge code, credits netted out, numbered in the order codes were first charged.</summary>
public static class ClaimLines
{
    public static IReadOnlyList<ClaimLine> From(Account account) =>
        [.. account.Charges
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .Select(code => Net(code.ToList()))
            // A code credited in full (or beyond, by a rounding cent) is not claimed.
            .Where(l => l.Quantity > 0 && l.Amount > 0)
            .Select((line, i) => line with { Sequence = i + 1 })];

    private static ClaimLine Net(List<ChargeLine> charges)
    {
        var quantity = charges.Sum(c => c.Quantity);
        var amount = charges.Sum(c => c.Amount);
        var prices = charges.Where(c => c.Reverses is null).Select(c => c.UnitPrice).Distinct().ToList();
        var first = charges.FirstOrDefault(c => c.Reverses is null) ?? charges[0];
        var unitPrice = prices.Count == 1 || quantity <= 0 ? first.UnitPrice : Money.Round(amount / quantity);
        return new ClaimLine(0, first.Code, first.Description, first.Category, quantity, unitPrice, amount);
    }
}
