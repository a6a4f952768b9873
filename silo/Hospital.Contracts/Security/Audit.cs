namespace Hospital.Contracts.Security;

/// <summary>One touch of patient data, or a denied attempt.</summary>
[GenerateSerializer, Immutable, Alias("hospital.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] string? Mrn,
    [property: Id(4)] string Action,
    [property: Id(5)] string Outcome,
    [property: Id(6)] int Status);

/// <summary>Result of checking the audit hash chain from its first entry.</summary>
[GenerateSerializer, Immutable, Alias("hospital.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? BrokenAtSequence,
    [property: Id(3)] string? Problem,
    [property: Id(4)] string? HeadHash);

[GenerateSerializer, Alias("hospital.audit-trail-state")]
public sealed record AuditTrailState
{
    [Id(0)] public long Count { get; init; }
    [Id(1)] public long HeadSequence { get; init; }
    [Id(2)] public string HeadHash { get; init; } = AuditChain.Genesis;
}

/// <summary>
/// The audit trail (key 0): appends records to the journal hash-chained (each entry's hash covers its content and the
/// previous hash), so an edited, inserted or deleted entry breaks the chain; the head is also kept in grain state so a
/// removed last entry is caught too.
/// </summary>
[Alias("hospital.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithIntegerKey
{
    /// <summary>Completes once the record is durable.</summary>
    [Alias("Record")] Task Record(AuditRecord record);

    [Alias("Verify")] Task<AuditVerification> Verify();
}

public static class AuditChain
{
    public const string Kind = "Audit";
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over the previous hash and the entry's stored fields, in a fixed order.</summary>
    public static string Hash(string previous, DateTimeOffset occurredAt, string? mrn, string actor, string body)
    {
        var text = string.Join('\n', previous, occurredAt.UtcDateTime.ToString("O"), mrn ?? "", actor, body);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
