using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Errors;

namespace Hospital.Grains.Billing.Claims;

/// <summary>The claim lifecycle in one table: which status each step takes a claim from, and where a status may go.</summary>
public static class ClaimLifecycle
{
    /// <summary>The status each step starts from.</summary>
    private static readonly Dictionary<ClaimEventKind, ClaimStatus> From = new()
    {
        [ClaimEventKind.ClaimSubmitted] = ClaimStatus.Draft,
        [ClaimEventKind.ClaimAccepted] = ClaimStatus.Submitted,
        [ClaimEventKind.ClaimRejected] = ClaimStatus.Submitted,
        [ClaimEventKind.ClaimResubmitted] = ClaimStatus.Rejected,
        [ClaimEventKind.ClaimDenied] = ClaimStatus.Accepted,
        [ClaimEventKind.ClaimRemitted] = ClaimStatus.Accepted,
    };

    public static readonly IReadOnlyDictionary<ClaimStatus, ClaimStatus[]> Next = new Dictionary<ClaimStatus, ClaimStatus[]>
    {
        [ClaimStatus.Draft] = [ClaimStatus.Submitted],
        [ClaimStatus.Submitted] = [ClaimStatus.Accepted, ClaimStatus.Rejected],
        [ClaimStatus.Rejected] = [ClaimStatus.Submitted],
        [ClaimStatus.Accepted] = [ClaimStatus.Paid, ClaimStatus.PartiallyPaid, ClaimStatus.Denied],
        [ClaimStatus.Paid] = [],
        [ClaimStatus.PartiallyPaid] = [],
        [ClaimStatus.Denied] = [],
    };

    private static readonly Dictionary<ClaimEventKind, string> Verbs = new()
    {
        [ClaimEventKind.ClaimSubmitted] = "submitted",
        [ClaimEventKind.ClaimAccepted] = "accepted",
        [ClaimEventKind.ClaimRejected] = "rejected",
        [ClaimEventKind.ClaimResubmitted] = "resubmitted",
        [ClaimEventKind.ClaimDenied] = "denied",
        [ClaimEventKind.ClaimRemitted] = "remitted",
    };

    /// <summary>409 naming the claim's status, the status the step needs and where the claim can go, unless the step may start here.</summary>
    public static void Check(Claim claim, ClaimEventKind step)
    {
        if (From[step] == claim.Status)
        {
            return;
        }

        var next = Next[claim.Status];
        var onward = next.Length == 0 ? $"{claim.Status} is final" : $"from {claim.Status} it can become {string.Join(" or ", next)}";
        throw HospitalException.Conflict("Illegal claim transition",
            $"Claim '{claim.Id}' is {claim.Status}; only a {From[step]} claim can be {Verbs[step]} ({onward}).",
            [.. next.Select(s => s.ToString())]);
    }
}
