namespace Hospital.Contracts.Medications;

/// <summary>What an order check found.</summary>
public enum WarningKind
{
    Allergy,
    Interaction,
    Duplicate,
    Dose,
}

/// <summary>
/// How serious a warning is. Contraindicated and major warnings block an order until a prescriber overrides them;
/// moderate and minor ones are shown only.
/// </summary>
/// <remarks>
/// The members are lower case because the wire values are ("contraindicated", ...) and the API writes enums by
/// member name. A higher value is more severe.
/// </remarks>
public enum WarningSeverity
{
    contraindicated = 3,
    major = 2,
    moderate = 1,
    minor = 0,
}

/// <summary>One finding of the order checks.</summary>
/// <param name="Message">What was found and why it matters, in one line for the prescriber.</param>
/// <param name="With">The allergy substance as recorded, or the other active order's drug name.</param>
[GenerateSerializer, Immutable, Alias("hospital.order-warning")]
public sealed record OrderWarning(
    [property: Id(0)] WarningKind Kind,
    [property: Id(1)] WarningSeverity Severity,
    [property: Id(2)] string Message,
    [property: Id(3)] string? With = null);

public static class OrderWarnings
{
    /// <summary>Whether the warnings stop the order until overridden: any contraindicated or major one.</summary>
    public static bool Blocks(IEnumerable<OrderWarning> warnings) => warnings.Any(w => w.Severity >= WarningSeverity.major);
}
