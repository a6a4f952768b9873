namespace Hospital.Interop.Hl7;

/// <summary>MSH-9: message code, trigger event and structure, e.g. <c>ADT^A01^ADT_A01</c>.</summary>
public sealed record Hl7MessageType(string Code, string Trigger, string Structure)
{
    /// <inheritdoc/>
    public override string ToString() => Trigger.Length == 0 ? Code : $"{Code}^{Trigger}";
}
