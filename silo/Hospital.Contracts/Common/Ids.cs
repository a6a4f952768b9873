namespace Hospital.Contracts.Common;

/// <summary>What an id of the platform (MRN, bed, ward, encounter, order...) may look like, wherever it comes from.</summary>
public static class Ids
{
    public const int MaxLength = 64;

    /// <summary>1 to 64 ASCII letters, digits, '-', '_' or '.': anything else could never have been issued.</summary>
    public static bool IsPlausible(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
