namespace Hospital.Interop.Hl7;

/// <summary>An identifier (CX): the id, who assigned it (CX-4, its namespace id) and what kind it is (CX-5, e.g. MR).</summary>
public sealed record Hl7Identifier(string Id, string AssigningAuthority, string TypeCode)
{
    /// <summary>The identifier type of a medical record number, the patient's id in this platform.</summary>
    public const string MedicalRecordType = "MR";

    /// <summary>Whether this is a medical record number.</summary>
    public bool IsMedicalRecordNumber => string.Equals(TypeCode, MedicalRecordType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads one CX repetition.</summary>
    public static Hl7Identifier Read(Hl7Repetition cx) => new(cx.Component(1), cx.Subcomponent(4, 1), cx.Component(5));
}
