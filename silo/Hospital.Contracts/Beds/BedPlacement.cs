using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;

namespace Hospital.Contracts.Beds;

/// <summary>Why a bed cannot take a patient: the title and detail of the 409 an admission answers.</summary>
[GenerateSerializer, Immutable, Alias("hospital.placement-refusal")]
public sealed record PlacementRefusal(
    [property: Id(0)] PlacementRule Rule,
    [property: Id(1)] string Title,
    [property: Id(2)] string Detail);

/// <summary>The rule a bed fails for a patient.</summary>
public enum PlacementRule
{
    /// <summary>Not Available, and not Reserved for this patient.</summary>
    Status,
    /// <summary>The patient needs isolation and the bed cannot isolate.</summary>
    Isolation,
    /// <summary>The ward admits one sex and the patient's differs.</summary>
    SexPolicy,
}

/// <summary>
/// The rules that decide whether a patient may be placed in a bed: the one place that says it, used by the bed when an
/// admission, transfer or swap occupies it and by the bed finder when it lists the beds a patient can have.
/// </summary>
public static class BedPlacement
{
    /// <summary>Whether the bed's status lets this patient in now: Available, or Reserved for them.</summary>
    public static bool StatusAdmits(Bed bed, string mrn) =>
        bed.Status == BedStatus.Available || (bed.Status == BedStatus.Reserved && bed.Mrn == mrn);

    /// <summary>Whether a ward of this policy admits a patient of this sex (Mixed, or no ward on record, admits all).</summary>
    public static bool SexAdmits(SexPolicy? policy, Sex sex) => policy switch
    {
        SexPolicy.Male => sex == Sex.Male,
        SexPolicy.Female => sex == Sex.Female,
        _ => true,
    };

    /// <summary>What the bed and its ward fail for the patient regardless of the bed's status, or null when it suits them.</summary>
    public static PlacementRefusal? Unsuited(Bed bed, SexPolicy? policy, Sex sex, bool isolationRequired)
    {
        if (isolationRequired && !bed.IsolationCapable)
        {
            return new(PlacementRule.Isolation, "Bed cannot isolate", $"Bed '{bed.Id}' is not isolation-capable and the patient requires isolation.");
        }

        return SexAdmits(policy, sex)
            ? null
            : new(PlacementRule.SexPolicy, "Ward sex policy",
                $"Ward '{bed.WardId}' admits {policy} patients only; the patient's sex is {sex.ToString().ToLowerInvariant()}.");
    }

    /// <summary>Whether an admission of this patient into this bed would be accepted now.</summary>
    public static bool Admits(Bed bed, SexPolicy? policy, string mrn, Sex sex, bool isolationRequired) =>
        StatusAdmits(bed, mrn) && Unsuited(bed, policy, sex, isolationRequired) is null;
}
