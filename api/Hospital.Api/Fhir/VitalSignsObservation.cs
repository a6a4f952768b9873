using Hl7.Fhir.Model;
using Hospital.Contracts.Clinical;
using FhirObservation = Hl7.Fhir.Model.Observation;
using Observation = Hospital.Contracts.Clinical.Observation;

namespace Hospital.Api.Fhir;

/// <summary>
/// A vital-signs set as FHIR Observations, one per sign as the vital-signs profiles want (LOINC coded, category
/// vital-signs), and the vital-signs panel (85353-1) whose members they are; each with the id
/// <c>{mrn}.{setId}.{part}</c> (<see cref="ChartResourceId"/>).
/// </summary>
public static class VitalSignsObservation
{
    /// <summary>The parts of a set, by the suffix of their ids: the panel whose members are the six signs, then the signs.</summary>
    public static readonly IReadOnlyList<string> Signs = [Panel, "rr", "spo2", "bp", "hr", "temp", "avpu"];

    public const string Panel = "panel";

    public const string PanelCode = "85353-1";

    /// <summary>The R4 vital-signs profile each sign claims (and is validated against in the tests).</summary>
    private static readonly Dictionary<string, string> Profiles = new()
    {
        ["rr"] = Core + "resprate", ["spo2"] = Core + "oxygensat", ["bp"] = Core + "bp", ["hr"] = Core + "heartrate",
        ["temp"] = Core + "bodytemp", ["avpu"] = Core + "vitalsigns", [Panel] = Core + "vitalspanel",
    };

    private const string Core = "http://hl7.org/fhir/StructureDefinition/";

    public static IEnumerable<FhirObservation> From(Observation set) => Signs.Select(sign => From(set, sign));

    public static FhirObservation From(Observation set, string sign)
    {
        var observation = sign switch
        {
            Panel => new FhirObservation
            {
                Code = Code(PanelCode, "Vital signs panel"),
                HasMember = Signs.Where(s => s != Panel).Select(s => new ResourceReference($"Observation/{new ChartResourceId(set.Mrn, set.Id, s)}")).ToList(),
            },
            "rr" => Quantity(Code("9279-1", "Respiratory rate"), set.RespiratoryRate, "breaths/minute", "/min"),
            "spo2" => Spo2(set),
            "bp" => BloodPressure(set),
            "hr" => Quantity(Code("8867-4", "Heart rate"), set.Pulse, "beats/minute", "/min"),
            "temp" => Quantity(Code("8310-5", "Body temperature"), set.Temperature, "C", "Cel"),
            "avpu" => new FhirObservation
            {
                Code = Code("67775-7", "Level of consciousness"),
                Value = FhirSystems.Concept(FhirSystems.Acvpu, set.Consciousness.ToString(), Consciousness(set.Consciousness)),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(sign), sign, "Not a vital sign of a set."),
        };
        observation.Id = new ChartResourceId(set.Mrn, set.Id, sign).ToString();
        observation.Meta = new Meta { Profile = [Profiles[sign]] };
        observation.Status = ObservationStatus.Final;
        observation.Category = [FhirSystems.Concept(FhirSystems.ObservationCategory, "vital-signs", "Vital Signs")];
        observation.Subject = PatientResource.Reference(set.Mrn);
        observation.Effective = new FhirDateTime(set.TakenAt);
        observation.Issued = set.RecordedAt;
        observation.Performer = [new ResourceReference { Display = set.RecordedBy }];
        return observation;
    }

    private static FhirObservation Spo2(Observation set)
    {
        var observation = Quantity(
            new CodeableConcept { Coding = [Loinc("2708-6", "Oxygen saturation in Arterial blood"), Loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")] },
            set.Spo2, "%", "%");
        observation.Component.Add(new FhirObservation.ComponentComponent
        {
            Code = FhirSystems.Concept(FhirSystems.News2, "on-oxygen", "On supplemental oxygen"),
            Value = new FhirBoolean(set.OnOxygen),
        });
        observation.Component.Add(new FhirObservation.ComponentComponent
        {
            Code = FhirSystems.Concept(FhirSystems.News2, "spo2-scale", "NEWS2 SpO2 scale"),
            Value = new Integer(set.Spo2Scale),
        });
        return observation;
    }

    /// <summary>Only the systolic pressure is taken (NEWS2 scores no other), so the diastolic component says why it is absent.</summary>
    private static FhirObservation BloodPressure(Observation set) => new()
    {
        Code = Code("85354-9", "Blood pressure panel with all children optional"),
        Component =
        [
            new FhirObservation.ComponentComponent { Code = Code("8480-6", "Systolic blood pressure"), Value = MmHg(set.SystolicBp) },
            new FhirObservation.ComponentComponent
            {
                Code = Code("8462-4", "Diastolic blood pressure"),
                DataAbsentReason = FhirSystems.Concept(FhirSystems.DataAbsentReason, "not-performed", "Not Performed"),
            },
        ],
    };

    private static FhirObservation Quantity(CodeableConcept code, decimal value, string unit, string ucum) => new()
    {
        Code = code,
        Value = new Quantity { Value = value, Unit = unit, System = FhirSystems.Ucum, Code = ucum },
    };

    private static Quantity MmHg(int value) => new() { Value = value, Unit = "mmHg", System = FhirSystems.Ucum, Code = "mm[Hg]" };

    private static CodeableConcept Code(string loinc, string display) => new() { Coding = [Loinc(loinc, display)], Text = display };

    private static Coding Loinc(string code, string display) => new(FhirSystems.Loinc, code, display);

    private static string Consciousness(Consciousness level) => level switch
    {
        Hospital.Contracts.Clinical.Consciousness.A => "Alert",
        Hospital.Contracts.Clinical.Consciousness.C => "New confusion",
        Hospital.Contracts.Clinical.Consciousness.V => "Responds to voice",
        Hospital.Contracts.Clinical.Consciousness.P => "Responds to pain",
        _ => "Unresponsive",
    };
}
