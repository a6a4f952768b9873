namespace Hospital.Interop.Hl7;

/// <summary>One ERR segment of an acknowledgement: what went wrong (ERR-3), where (ERR-2) and a text for people (ERR-8).</summary>
public sealed record Hl7AckError(Hl7ErrorCode Code, string UserMessage, Hl7ErrorLocation? Location = null)
{
    /// <summary>The error a failed parse reports.</summary>
    public static Hl7AckError From(Hl7ParseException failure) => new(failure.ErrorCode, failure.Message, failure.Location);
}
