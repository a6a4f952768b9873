namespace Hospital.Contracts.Idempotency;

/// <summary>The response recorded for the first request under an idempotency key.</summary>
[GenerateSerializer, Immutable, Alias("hospital.stored-response")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Location,
    [property: Id(3)] byte[] Body);

public enum IdempotencyOutcome
{
    /// <summary>First request under this key: run it, then record its response.</summary>
    Proceed,
    /// <summary>Already answered: return <see cref="IdempotencyDecision.Response"/>.</summary>
    Replay,
    /// <summary>The first request is still running.</summary>
    InProgress,
    /// <summary>The key was used with a different body.</summary>
    Mismatch,
}

[GenerateSerializer, Immutable, Alias("hospital.idempotency-decision")]
public sealed record IdempotencyDecision(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] StoredResponse? Response = null);

/// <summary>
/// One idempotency key of one caller on one route. A single activation serializes retries that arrive at the same
/// time, in one process or across the cluster.
/// </summary>
[Alias("hospital.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("Begin")] Task<IdempotencyDecision> Begin(string requestHash);

    [Alias("Complete")] Task Complete(string requestHash, StoredResponse response);

    /// <summary>The first request failed without an answer worth keeping; a retry may run again.</summary>
    [Alias("Abandon")] Task Abandon(string requestHash);
}
