using Hl7.Fhir.Model;
using Hospital.Api.Clinical;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Fhir;

/// <summary>
/// Reads a vital-signs set to record from a FHIR vital-signs panel (LOINC 85353-1) whose components are the signs,
/// coded as the server writes them: 9279-1, 2708-6 or 59408-5, 8480-6, 8867-4, 8310-5 (Cel), 67775-7 (ACVPU code), and
/// the local on-oxygen (boolean) and spo2-scale (integer). The REST validation then checks the values.
/// </summary>
public static class VitalSignsInput
{
    /// <summary>The patient and the request, or the 400 to answer instead.</summary>
    public static (string? Mrn, VitalsRequest? Request, IResult? Error) Read(Hl7.Fhir.Model.Observation panel)
    {
        if (!panel.Code.Coding.Any(c => c.System == FhirSystems.Loinc && c.Code == VitalSignsObservation.PanelCode))
        {
            return Fail($"Record vital signs as a panel: code {FhirSystems.Loinc}|{VitalSignsObservation.PanelCode} with one component per sign.");
        }

        if (panel.Subject?.Reference is not { } subject || FhirSearch.ReferencedId(subject, "Patient") is not { } mrn || mrn == subject)
        {
            return Fail("The subject must be the patient, as Patient/{mrn}.");
        }

        var errors = new List<string>();
        var takenAt = panel.Effective switch
        {
            null => (DateTimeOffset?)null,
            FhirDateTime at when at.TryToDateTimeOffset(out var time) => time,
            _ => Note(errors, "effectiveDateTime must be a date and time."),
        };
        var temperature = Component(panel, "8310-5")?.Value as Quantity;
        if (temperature?.Code is { } unit && unit != "Cel")
        {
            errors.Add("The body temperature (8310-5) must be in Cel.");
        }

        var request = new VitalsRequest(
            Whole(panel, errors, "9279-1"), Whole(panel, errors, "2708-6", "59408-5"), (Component(panel, "spo2-scale")?.Value as Integer)?.Value,
            (Component(panel, "on-oxygen")?.Value as FhirBoolean)?.Value, Whole(panel, errors, "8480-6"), Whole(panel, errors, "8867-4"),
            Level(panel, errors), temperature?.Value, takenAt);
        return errors.Count > 0 ? Fail(string.Join(" ", errors)) : (mrn, request, null);
    }

    private static (string?, VitalsRequest?, IResult?) Fail(string message) => (null, null, FhirResults.Invalid(message));

    private static DateTimeOffset? Note(List<string> errors, string message)
    {
        errors.Add(message);
        return null;
    }

    private static Hl7.Fhir.Model.Observation.ComponentComponent? Component(Hl7.Fhir.Model.Observation panel, params string[] codes) =>
        panel.Component.FirstOrDefault(c => c.Code.Coding.Any(x => codes.Contains(x.Code)));

    /// <summary>A sign the chart keeps as a whole number; absent stays null (the REST validation names it).</summary>
    private static int? Whole(Hl7.Fhir.Model.Observation panel, List<string> errors, params string[] codes)
    {
        if ((Component(panel, codes)?.Value as Quantity)?.Value is not { } value)
        {
            return null;
        }

        if (value != decimal.Truncate(value) || value is < int.MinValue or > int.MaxValue)
        {
            errors.Add($"The component {codes[0]} must be a whole number.");
            return null;
        }

        return (int)value;
    }

    private static Consciousness? Level(Hl7.Fhir.Model.Observation panel, List<string> errors)
    {
        if ((Component(panel, "67775-7")?.Value as CodeableConcept)?.Coding.FirstOrDefault()?.Code is not { } code)
        {
            return null;
        }

        if (!Enum.GetNames<Consciousness>().Contains(code))
        {
            errors.Add("The level of consciousness (67775-7) must be A, C, V, P or U.");
            return null;
        }

        return Enum.Parse<Consciousness>(code);
    }
}
