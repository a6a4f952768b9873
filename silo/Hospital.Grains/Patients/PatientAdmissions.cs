namespace Hospital.Grains.Patients;

internal static class EncounterIds
{
    public static string New() => "E" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
}
