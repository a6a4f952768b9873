namespace Hospital.Contracts.Common;

/// <summary>The grain storage every grain's persistent state is kept in; each host decides what backs it.</summary>
public static class HospitalStorage
{
    public const string Name = "hospital";
}
