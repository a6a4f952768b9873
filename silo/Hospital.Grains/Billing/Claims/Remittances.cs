using Hospital.Contracts.Billing;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Errors;

namespace Hospital.Grains.Billing.Claims;

/// <summary>A remittance accounts for every line of its claim exactly once, each to the cent.</summary>
public static class Remittances
{
    public static void Check(Claim claim, IReadOnlyList<RemittanceLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var field = $"lines[{i}]";
            var claimed = claim.Lines.FirstOrDefault(l => l.Sequence == line.Line)
                ?? throw HospitalException.Invalid($"{field}.line", $"Claim '{claim.Id}' has no line {line.Line}; its lines are 1 to {claim.Lines.Count}.");
            if (lines.Take(i).Any(l => l.Line == line.Line))
            {
                throw HospitalException.Invalid($"{field}.line", $"Line {line.Line} is remitted twice.");
            }

            if (new[] { line.Paid, line.Adjusted, line.PatientResponsibility }.Any(v => v < 0 || v > Money.MaxAmount || !Money.HasAtMostDecimals(v, 2)))
            {
                throw HospitalException.Invalid(field, $"Amounts are 0 to {Money.MaxAmount} with at most 2 decimals.");
            }

            if (line.Paid + line.Adjusted + line.PatientResponsibility != claimed.Amount)
            {
                throw HospitalException.Invalid(field,
                    $"Line {line.Line}: paid + adjusted + patientResponsibility is {line.Paid + line.Adjusted + line.PatientResponsibility}, not the line's amount {claimed.Amount}.");
            }
        }

        if (claim.Lines.FirstOrDefault(l => lines.All(r => r.Line != l.Sequence)) is { } missing)
        {
            throw HospitalException.Invalid("lines", $"Line {missing.Sequence} of claim '{claim.Id}' is not remitted; a remittance accounts for every line.");
        }
    }
}
