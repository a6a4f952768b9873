using Hospital.Api.Problems;
using Hospital.Contracts.Medications;

namespace Hospital.Api.Medications;

/// <summary>A medication order.</summary>
/// <param name="Drug">Catalogue code or generic name, e.g. "warfarin" or "B01AA03".</param>
/// <param name="Frequency">daily, bd, tds, qds, q4h, q6h, q8h, q12h, weekly, once or prn.</param>
/// <param name="Start">Default now; from a day ago to 30 days ahead.</param>
/// <param name="End">After the start, at most 366 days after it.</param>
/// <param name="OverrideReason">Required to save an order with a contraindicated or major warning.</param>
public sealed record MedicationOrderBody(string? Drug, decimal? Dose, string? Unit, string? Route, string? Frequency,
    DateTimeOffset? Start, DateTimeOffset? End, string? OverrideReason)
{
    public MedicationOrderRequest? Validate(FieldErrors e, DateTimeOffset now)
    {
        e.RequiredText("drug", Drug, 100).RequiredText("unit", Unit, 20).RequiredText("route", Route, 40).MaxLength("overrideReason", OverrideReason, 500);
        if (e.Required("dose", Dose))
        {
            e.Check(Dose is > 0 and <= MedicationLimits.MaxDose, "dose", $"The dose field must be more than 0 and at most {MedicationLimits.MaxDose}.");
        }

        if (e.Required("frequency", Frequency))
        {
            e.Check(DoseFrequency.Find(Frequency) is not null, "frequency",
                $"The frequency field must be one of: {string.Join(", ", DoseFrequency.All.Select(f => f.Code))}.");
        }

        var start = Start ?? now;
        e.Check(start >= now.AddDays(-1) && start <= now.AddDays(MedicationLimits.MaxStartAheadDays), "start",
                $"The start field must be between a day ago and {MedicationLimits.MaxStartAheadDays} days ahead.")
            .Check(End is null || (End > start && End <= start.AddDays(MedicationLimits.MaxDurationDays)), "end",
                $"The end field must be after the start and at most {MedicationLimits.MaxDurationDays} days after it.");
        return e.Any ? null : new MedicationOrderRequest(Drug!.Trim(), Dose!.Value, Unit!.Trim(), Route!.Trim(), Frequency!.Trim(), Start, End, OverrideReason);
    }
}

/// <summary>Why an order is discontinued.</summary>
public sealed record DiscontinueBody(string? Reason);

/// <summary>What the nurse records for a dose.</summary>
/// <param name="Reason">Required for Held and Refused.</param>
/// <param name="BinId">The supply bin the dose was taken from (Given only): its stock goes down by one unit.</param>
public sealed record DoseRecordBody(DoseOutcome? Outcome, string? Reason, string? BinId)
{
    public DoseRecord? Validate(FieldErrors e)
    {
        if (e.Required("outcome", Outcome))
        {
            e.Check(Enum.IsDefined(Outcome!.Value), "outcome", "The outcome field must be Given, Held or Refused.");
        }

        e.MaxLength("reason", Reason, 500)
            .Check(Outcome is null or DoseOutcome.Given || !string.IsNullOrWhiteSpace(Reason), "reason", "A dose held or refused needs a reason.")
            .Check(BinId is null || Lookup.IsPlausibleId(BinId), "binId", "The binId field must be a supply bin id.")
            .Check(BinId is null || Outcome is null or DoseOutcome.Given, "binId", "Only a dose given is taken from a bin.");
        return e.Any ? null : new DoseRecord(Outcome!.Value, Reason, BinId);
    }
}

/// <summary>What the checks found for an order not yet sent, and whether it would need an override reason.</summary>
public sealed record OrderCheckView(IReadOnlyList<OrderWarning> Warnings, bool Blocked);
