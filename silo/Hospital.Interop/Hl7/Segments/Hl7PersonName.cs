namespace Hospital.Interop.Hl7;

/// <summary>A person's name (XPN): family name (its surname, XPN-1.1) and given name (XPN-2).</summary>
public sealed record Hl7PersonName(string Family, string Given)
{
    /// <summary>Reads one XPN repetition; null when it holds neither name.</summary>
    public static Hl7PersonName? Read(Hl7Repetition xpn)
    {
        var name = new Hl7PersonName(xpn.Subcomponent(1, 1), xpn.Component(2));
        return name.Family.Length == 0 && name.Given.Length == 0 ? null : name;
    }
}
