namespace Hospital.Contracts.Idempotency;

[GenerateSerializer, Alias("hospital.idempotency-state")]
public sealed record IdempotencyState
{
    [Id(0)] public string? RequestHash { get; init; }
    [Id(1)] public StoredResponse? Response { get; init; }
    [Id(2)] public DateTimeOffset CompletedAt { get; init; }
}
