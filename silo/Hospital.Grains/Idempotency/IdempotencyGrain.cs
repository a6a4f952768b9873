using Hospital.Contracts.Common;
using Hospital.Contracts.Idempotency;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Idempotency;

/// <summary>
/// Remembers the first answer given under one idempotency key for 24 hours. While the first request runs, the key is
/// held in memory only: a retry waits; a crash before completion lets the retry run, which is the client's intent.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", HospitalStorage.Name)] IPersistentState<IdempotencyState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IIdempotencyGrain
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private string? _runningHash;
    private DateTimeOffset _runningSince;

    public Task<IdempotencyDecision> Begin(string requestHash)
    {
        var now = clock.GetUtcNow();
        if (state.State.Response is { } response && now - state.State.CompletedAt < Retention)
        {
            return Task.FromResult(state.State.RequestHash == requestHash
                ? new IdempotencyDecision(IdempotencyOutcome.Replay, response)
                : new IdempotencyDecision(IdempotencyOutcome.Mismatch));
        }

        if (_runningHash is not null && now - _runningSince < Lease)
        {
            return Task.FromResult(new IdempotencyDecision(
                _runningHash == requestHash ? IdempotencyOutcome.InProgress : IdempotencyOutcome.Mismatch));
        }

        _runningHash = requestHash;
        _runningSince = now;
        return Task.FromResult(new IdempotencyDecision(IdempotencyOutcome.Proceed));
    }

    public async Task Complete(string requestHash, StoredResponse response)
    {
        state.State = new IdempotencyState { RequestHash = requestHash, Response = response, CompletedAt = clock.GetUtcNow() };
        await changes.CommitAsync(this, state, Change.None);
        _runningHash = null;
    }

    public Task Abandon(string requestHash)
    {
        if (_runningHash == requestHash)
        {
            _runningHash = null;
        }

        return Task.CompletedTask;
    }
}
