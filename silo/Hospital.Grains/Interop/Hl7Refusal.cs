using Hospital.Interop.Hl7;

namespace Hospital.Grains.Interop;

/// <summary>A message the platform will not apply: answered with <see cref="Ack"/> and this error, having changed nothing.</summary>
public sealed class Hl7Refusal(Hl7ErrorCode code, string message, Hl7ErrorLocation? location = null, Hl7AckCode ack = Hl7AckCode.AE)
    : Exception(message)
{
    public Hl7ErrorCode Code { get; } = code;

    public Hl7ErrorLocation? Location { get; } = location;

    public Hl7AckCode Ack { get; } = ack;
}
