using Hospital.Contracts.Billing;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Billing.Claims;

/// <summary>
/// One claim, from Draft to its remittance. Every step commits the claim with its history entry, its journal line and
/// its new summary for the claim register; a remittance also commits the insurer's payment for the account (by a
/// payment id of its own, so the account records it once however often it is delivered).
/// </summary>
public sealed class ClaimGrain(
    [PersistentState("claim", HospitalStorage.Name)] IPersistentState<ClaimState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IClaimGrain
{
    /// <summary>A claim rejected this many times is not sent again; it needs a new look, not another try.</summary>
    public const int MaxSubmissions = 20;

    private string ClaimId => this.GetPrimaryKeyString();

    private Claim Current => state.State.Claim ?? throw HospitalException.NotFound("Claim", ClaimId);

    public async Task<Claim> Create(ClaimOpening opening)
    {
        if (state.State.Claim is { } existing)
        {
            throw HospitalException.Conflict("Claimed already",
                $"Admission '{existing.EncounterId}' has claim '{existing.Id}' ({existing.Status}) under coverage '{existing.CoverageId}'.");
        }

        if (ClaimIds.For(opening.EncounterId, opening.CoverageId) != ClaimId)
        {
            throw new InvalidOperationException($"Claim '{ClaimId}' is not the claim of admission '{opening.EncounterId}' under coverage '{opening.CoverageId}'.");
        }

        var account = await Account(opening.EncounterId);
        var (coverage, primary) = await GrainFactory.GetGrain<ICoverageGrain>(account.Mrn).Choose(opening.CoverageId, account.OpenedAt);
        var now = clock.GetUtcNow();
        var draft = new Claim(ClaimId, account.EncounterId, account.Mrn, coverage.PayerId, coverage.Id, coverage.MemberId, coverage.Plan,
            account.Currency, ClaimStatus.Draft, 0, [], 0, 0, null, null, null, now, now, [], 0, 0);
        var (claim, _) = Rebuilt(draft, account);
        // The account is billed to the patient's primary payer, whichever coverage this claim is under.
        return await Commit(claim, ClaimEventKind.ClaimCreated, send: [new AccountPayerMessage(account.EncounterId, (primary ?? coverage).PayerId)]);
    }

    public Task<Claim?> Get() => Task.FromResult(state.State.Claim);

    public async Task<Claim> Submit()
    {
        ClaimLifecycle.Check(Current, ClaimEventKind.ClaimSubmitted);
        var (claim, rebuilt) = Rebuilt(Current, await Account(Current.EncounterId));
        return await Commit(claim with { Status = ClaimStatus.Submitted, Submission = 1 }, ClaimEventKind.ClaimSubmitted, linesRebuilt: rebuilt);
    }

    public async Task<Claim> Accept()
    {
        ClaimLifecycle.Check(Current, ClaimEventKind.ClaimAccepted);
        return await Commit(Current with { Status = ClaimStatus.Accepted }, ClaimEventKind.ClaimAccepted);
    }

    public async Task<Claim> Reject(string reason)
    {
        ClaimLifecycle.Check(Current, ClaimEventKind.ClaimRejected);
        return await Commit(Current with { Status = ClaimStatus.Rejected }, ClaimEventKind.ClaimRejected, reason);
    }

    public async Task<Claim> Resubmit(string? reason)
    {
        ClaimLifecycle.Check(Current, ClaimEventKind.ClaimResubmitted);
        if (Current.Submission >= MaxSubmissions)
        {
            throw HospitalException.Conflict("Too many submissions", $"Claim '{ClaimId}' was submitted {Current.Submission} times; it is not sent again.");
        }

        var (claim, rebuilt) = Rebuilt(Current, await Account(Current.EncounterId));
        return await Commit(claim with { Status = ClaimStatus.Submitted, Submission = claim.Submission + 1 }, ClaimEventKind.ClaimResubmitted, reason, linesRebuilt: rebuilt);
    }

    public async Task<Claim> Deny(string reason)
    {
        ClaimLifecycle.Check(Current, ClaimEventKind.ClaimDenied);
        return await Commit(Current with { Status = ClaimStatus.Denied }, ClaimEventKind.ClaimDenied, reason);
    }

    public async Task<Claim> Remit(RemittanceSpec spec)
    {
        var claim = Current;
        var lines = spec.Lines.OrderBy(l => l.Line).ToList();
        if (claim.Remittance is { } posted && posted.Reference == spec.Reference && posted.Lines.SequenceEqual(lines))
        {
            return claim;
        }

        ClaimLifecycle.Check(claim, ClaimEventKind.ClaimRemitted);
        Remittances.Check(claim, spec.Lines);
        var paid = lines.Sum(l => l.Paid);
        if (paid > Money.MaxAmount)
        {
            throw HospitalException.Invalid("lines", $"A remittance pays at most {Money.MaxAmount} (one account payment).");
        }

        var paymentId = paid > 0 ? $"{ClaimId}:remit:1" : null;
        var remittance = new Remittance(spec.Reference, lines, paid, lines.Sum(l => l.Adjusted), lines.Sum(l => l.PatientResponsibility),
            clock.GetUtcNow(), Actor.Current, paymentId);
        var status = paid == claim.Total ? ClaimStatus.Paid : paid > 0 ? ClaimStatus.PartiallyPaid : ClaimStatus.Denied;
        List<OutboxMessage> send = paymentId is null
            ? []
            : [new AccountPaymentMessage(claim.EncounterId, new PaymentCommand(paid, PaymentMethod.Insurer, spec.Reference, ClaimId, claim.PayerId, paymentId))];
        return await Commit(claim with { Status = status, Paid = paid, Remittance = remittance }, ClaimEventKind.ClaimRemitted,
            reference: spec.Reference, send: send);
    }

    private async Task<Account> Account(string encounterId) =>
        await GrainFactory.GetGrain<IAccountGrain>(encounterId).Get() ?? throw HospitalException.NotFound("Account", encounterId);

    /// <summary>The claim with its lines as the account stands now (409 when nothing is left to claim), and whether they changed.</summary>
    private static (Claim Claim, bool Changed) Rebuilt(Claim claim, Account account)
    {
        var lines = ClaimLines.From(account);
        if (lines.Count == 0)
        {
            throw HospitalException.Conflict("Nothing to claim", $"The account of admission '{account.EncounterId}' has no charges to claim.");
        }

        var changed = !lines.SequenceEqual(claim.Lines);
        return (claim with
        {
            Lines = lines, Total = lines.Sum(l => l.Amount), AccountVersion = account.Version,
            ServiceFrom = account.OpenedAt, ServiceTo = account.DischargedAt,
        }, changed && claim.Lines.Count > 0);
    }

    private async Task<Claim> Commit(Claim next, ClaimEventKind kind, string? reason = null, string? reference = null, bool linesRebuilt = false,
        IReadOnlyList<OutboxMessage>? send = null)
    {
        var now = clock.GetUtcNow();
        var from = state.State.Claim?.Status;
        var entry = new ClaimHistoryEntry(kind, from, next.Status, now, Actor.Current, next.Submission, reason, reference, linesRebuilt);
        var claim = next with { Version = next.Version + 1, UpdatedAt = now, History = [.. next.History, entry] };
        state.State = state.State with { Claim = claim };
        await changes.CommitAsync(this, state, new Change
        {
            Journal =
            [
                JournalExtensions.Line(kind.ToString(), ClaimId, claim.Mrn,
                    new ClaimJournalEvent(ClaimId, claim.EncounterId, claim.PayerId, claim.CoverageId, from, claim.Status, claim.Submission,
                        claim.Total, claim.Paid, reason, reference, linesRebuilt), now),
            ],
            Send = [new ClaimListedMessage(ClaimSummary.Of(claim)), .. send ?? []],
        });
        return claim;
    }
}
