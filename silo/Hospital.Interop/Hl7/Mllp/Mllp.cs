namespace Hospital.Interop.Hl7;

/// <summary>The MLLP framing bytes.</summary>
internal static class Mllp
{
    public const byte StartBlock = 0x0B;
    public const byte EndBlock = 0x1C;
    public const byte CarriageReturn = 0x0D;
}
