using Hospital.Contracts.Common;
using System.Globalization;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Patients;

/// <summary>
/// Reserves MRNs in blocks so that registration does not wait on a storage write per patient. A crash loses the rest
/// of the current block: MRNs may skip numbers but are never handed out twice.
/// </summary>
public sealed class MrnAllocatorGrain(
    [PersistentState("mrn-allocator", HospitalStorage.Name)] IPersistentState<MrnAllocatorState> state,
    GrainChanges changes) : Grain, IMrnAllocatorGrain
{
    private const int BlockSize = 100;
    private long _next;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Anything at or below the stored mark may have been issued before this activation.
        _next = state.State.ReservedThrough + 1;
        return Task.CompletedTask;
    }

    public async Task<string> Next()
    {
        if (_next > state.State.ReservedThrough)
        {
            state.State = state.State with { ReservedThrough = _next + BlockSize - 1 };
            await changes.CommitAsync(this, state, Change.None);
        }

        return Format(_next++);
    }

    /// <summary>"H" and seven digits, then a Luhn check digit so a mistyped MRN is caught rather than misfiled.</summary>
    public static string Format(long number)
    {
        var digits = number.ToString("D7", CultureInfo.InvariantCulture);
        return $"H{digits}{LuhnCheckDigit(digits)}";
    }

    private static int LuhnCheckDigit(string digits)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (10 - sum % 10) % 10;
    }
}
