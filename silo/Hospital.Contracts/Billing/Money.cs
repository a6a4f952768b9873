namespace Hospital.Contracts.Billing;

/// <summary>
/// Money rules of the platform: decimal everywhere, two decimals, rounding half away from zero at the line, totals the
/// sums of their lines. One currency per installation (<c>Hospital:Billing:Currency</c>).
/// </summary>
public static class Money
{
    /// <summary>The largest unit price, payment or line amount accepted (bounds arithmetic and columns).</summary>
    public const decimal MaxAmount = 10_000_000m;

    /// <summary>The largest quantity of one line.</summary>
    public const decimal MaxQuantity = 100_000m;

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>A line's amount: quantity times unit price, rounded to cents half away from zero.</summary>
    public static decimal Line(decimal quantity, decimal unitPrice) => Round(quantity * unitPrice);

    /// <summary>Whether a value has at most <paramref name="decimals"/> decimal places.</summary>
    public static bool HasAtMostDecimals(decimal value, int decimals) => decimal.Round(value, decimals) == value;

    /// <summary>A currency code: three upper-case letters (ISO 4217).</summary>
    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');
}
