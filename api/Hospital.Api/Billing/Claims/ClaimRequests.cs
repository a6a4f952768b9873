using Hospital.Api.Problems;
using Hospital.Api.Wards;
using Hospital.Contracts.Billing.Claims;

namespace Hospital.Api.Billing.Claims;

/// <summary>A payer to register; <paramref name="Kind"/> defaults to Insurer.</summary>
public sealed record PayerRequest(string? Id, string? Name, PayerKind? Kind, string? Contact)
{
    public PayerSpec? Validate(FieldErrors errors)
    {
        errors.RequireId("id", Id).RequiredText("name", Name).Defined("kind", Kind).MaxLength("contact", Contact, 500);
        return errors.Any ? null : new PayerSpec(Id!, Name!.Trim(), Kind ?? PayerKind.Insurer, string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim());
    }
}

/// <summary>A patient's coverage with a payer: priority 1 is primary; dates inclusive, open-ended when left out.</summary>
public sealed record CoverageRequest(string? PayerId, string? MemberId, string? Plan, int? Priority, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2199, 12, 31);

    public CoverageSpec? Validate(FieldErrors errors)
    {
        errors.RequireId("payerId", PayerId).RequiredText("memberId", MemberId, 64).RequiredText("plan", Plan)
            .DateWithin("validFrom", ValidFrom, Earliest, Latest).DateWithin("validTo", ValidTo, Earliest, Latest)
            .Check(ValidFrom is null || ValidTo is null || ValidFrom <= ValidTo, "validTo", "The validTo date must not be before validFrom.");
        if (errors.Required("priority", Priority))
        {
            errors.Check(Priority is >= CoverageRules.MinPriority and <= CoverageRules.MaxPriority, "priority",
                $"The priority must be {CoverageRules.MinPriority} (primary) to {CoverageRules.MaxPriority}.");
        }

        return errors.Any ? null : new CoverageSpec(PayerId!, MemberId!.Trim(), Plan!.Trim(), Priority!.Value, ValidFrom, ValidTo);
    }
}

/// <summary>The coverage to claim under; the patient's primary coverage when left out.</summary>
public sealed record ClaimRequest(string? CoverageId);

/// <summary>A payer's remittance advice: what it did with each line of the claim.</summary>
public sealed record RemittanceRequest(string? Reference, IReadOnlyList<RemittanceLineRequest?>? Lines)
{
    public const int MaxLines = 1000;

    public RemittanceSpec? Validate(FieldErrors errors)
    {
        errors.RequiredText("reference", Reference);
        if (errors.Required("lines", Lines))
        {
            errors.Check(Lines!.Count is > 0 and <= MaxLines, "lines", $"A remittance has 1 to {MaxLines} lines.");
            for (var i = 0; i < Math.Min(Lines.Count, MaxLines); i++)
            {
                var line = Lines[i];
                if (errors.Required($"lines[{i}].line", line?.Line))
                {
                    errors.Check(line!.Line > 0, $"lines[{i}].line", "Lines are numbered from 1.");
                }

                if (errors.Required($"lines[{i}].paid", line?.Paid))
                {
                    errors.Money($"lines[{i}].paid", line!.Paid!.Value, allowZero: true);
                }

                errors.Money($"lines[{i}].adjusted", line?.Adjusted ?? 0, allowZero: true).Money($"lines[{i}].patientResponsibility", line?.PatientResponsibility ?? 0, allowZero: true);
            }
        }

        return errors.Any
            ? null
            : new RemittanceSpec(Reference!.Trim(), [.. Lines!.Select(l => new RemittanceLine(l!.Line!.Value, l.Paid!.Value, l.Adjusted ?? 0, l.PatientResponsibility ?? 0))]);
    }
}

/// <param name="Adjusted">Written off by contract (default 0).</param>
/// <param name="PatientResponsibility">Left for the patient to pay (default 0).</param>
public sealed record RemittanceLineRequest(int? Line, decimal? Paid, decimal? Adjusted, decimal? PatientResponsibility);
