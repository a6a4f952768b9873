using Hospital.Api.Problems;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Clinical;

/// <summary>One set of vital signs. Everything is required except spo2Scale (default 1) and takenAt (default now).</summary>
/// <param name="Temperature">Degrees Celsius.</param>
/// <param name="Consciousness">ACVPU: A, C (new confusion), V, P or U.</param>
public sealed record VitalsRequest(int? RespiratoryRate, int? Spo2, int? Spo2Scale, bool? OnOxygen, int? SystolicBp, int? Pulse,
    Consciousness? Consciousness, decimal? Temperature, DateTimeOffset? TakenAt)
{
    public VitalSigns? Validate(FieldErrors e, DateTimeOffset now)
    {
        Range(e, "respiratoryRate", RespiratoryRate, 0, 80);
        Range(e, "spo2", Spo2, 0, 100);
        e.Check(Spo2Scale is null or 1 or 2, "spo2Scale", "The spo2Scale field must be 1 or 2.");
        e.Required("onOxygen", OnOxygen);
        Range(e, "systolicBp", SystolicBp, 0, 350);
        Range(e, "pulse", Pulse, 0, 300);
        if (e.Required("consciousness", Consciousness))
        {
            e.Check(Enum.IsDefined(Consciousness!.Value), "consciousness", "The consciousness field must be A, C, V, P or U.");
        }

        if (e.Required("temperature", Temperature))
        {
            e.Check(Temperature is >= 25m and <= 45m, "temperature", "The temperature field must be between 25 and 45 degrees Celsius.");
        }

        e.Check(TakenAt is null || TakenAt <= now.AddMinutes(5), "takenAt", "The takenAt field must not be in the future.")
            .Check(TakenAt is null || TakenAt >= now.AddDays(-30), "takenAt", "The takenAt field must be within the last 30 days.");
        return e.Any
            ? null
            : new VitalSigns(RespiratoryRate!.Value, Spo2!.Value, Spo2Scale ?? 1, OnOxygen!.Value, SystolicBp!.Value, Pulse!.Value,
                Consciousness!.Value, Temperature!.Value, TakenAt ?? now);
    }

    private static void Range(FieldErrors e, string field, int? value, int min, int max)
    {
        if (e.Required(field, value))
        {
            e.Check(value >= min && value <= max, field, $"The {field} field must be between {min} and {max}.");
        }
    }
}

/// <summary>A lab result.</summary>
/// <param name="Loinc">LOINC code, e.g. "2823-3" (potassium).</param>
/// <param name="ReferenceLow">Normal range, inclusive.</param>
/// <param name="CriticalLow">Below this is a critical (LL) value.</param>
/// <param name="OrderId">The lab order the result answers: it attaches to it and sets it Resulted.</param>
public sealed record LabResultRequest(string? Loinc, string? Name, decimal? Value, string? Unit, decimal? ReferenceLow, decimal? ReferenceHigh,
    decimal? CriticalLow, decimal? CriticalHigh, DateTimeOffset? CollectedAt, string? OrderId = null)
{
    public LabResult? Validate(FieldErrors e, DateTimeOffset now)
    {
        e.Loinc("loinc", Loinc).Check(OrderId is null || Lookup.IsPlausibleId(OrderId), "orderId", "The orderId field must be a lab order id.");

        e.RequiredText("name", Name).RequiredText("unit", Unit, 50).Required("value", Value);
        e.Check(ReferenceLow is null || ReferenceHigh is null || ReferenceLow <= ReferenceHigh, "referenceHigh", "The reference range is inverted.")
            .Check(CriticalLow is null || CriticalHigh is null || CriticalLow < CriticalHigh, "criticalHigh", "The critical limits are inverted.")
            .Check(CollectedAt is null || CollectedAt <= now.AddMinutes(5), "collectedAt", "The collectedAt field must not be in the future.")
            .Check(CollectedAt is null || CollectedAt >= now.AddDays(-InputLimits.LabCollectedDays), "collectedAt",
                $"The collectedAt field must be within the last {InputLimits.LabCollectedDays} days.");
        return e.Any
            ? null
            : new LabResult("", "", Loinc!, Name!.Trim(), Value!.Value, Unit!.Trim(), ReferenceLow, ReferenceHigh, CriticalLow, CriticalHigh, "",
                CollectedAt ?? now, now, "", OrderId);
    }
}

/// <summary>A lab test to do.</summary>
/// <param name="Code">LOINC code, e.g. "2823-3" (potassium).</param>
/// <param name="Specimen">e.g. "blood", "urine" (at most 100 characters).</param>
public sealed record LabOrderRequest(string? Code, LabPriority? Priority, string? Specimen)
{
    public bool Validate(FieldErrors e)
    {
        e.Loinc("code", Code).MaxLength("specimen", Specimen, 100);
        e.Check(Priority is null || Enum.IsDefined(Priority.Value), "priority", "The priority field must be Routine, Urgent or Stat.");
        return !e.Any;
    }
}

public static class LabCodes
{
    /// <summary>A required LOINC code such as 2823-3.</summary>
    public static FieldErrors Loinc(this FieldErrors e, string field, string? code)
    {
        if (e.Required(field, code))
        {
            e.Check(System.Text.RegularExpressions.Regex.IsMatch(code!, @"^\d{1,7}-\d$"), field, $"The {field} field must be a LOINC code such as 2823-3.");
        }

        return e;
    }
}

/// <summary>Why an entry is amended or marked entered in error.</summary>
public sealed record ReasonRequest(string? Reason);
