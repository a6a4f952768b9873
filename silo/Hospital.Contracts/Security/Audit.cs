namespace Hospital.Contracts.Security;

/// <summary>
/// One touch of patient data, or a denied attempt: who, with which roles, when, what (the route or hub action) and every
/// patient it concerned. The trail stores one entry per patient (or one without a patient), so a query by MRN finds
/// each request that carried that patient.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(7)] IReadOnlyList<string> Mrns,
    [property: Id(4)] string Action,
    [property: Id(5)] string Outcome,
    [property: Id(6)] int Status)
{
    /// <summary>More about the access, e.g. which hub connections received a patient's events.</summary>
    [Id(8)] public string? Detail { get; init; }
}

/// <summary>Result of checking the audit chain from its first entry against its keys and the published checkpoints.</summary>
[GenerateSerializer, Immutable, Alias("hospital.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? BrokenAtSequence,
    [property: Id(3)] string? Problem,
    [property: Id(4)] string? HeadHash)
{
    /// <summary>How many published checkpoints the chain was checked against.</summary>
    [Id(5)] public int Checkpoints { get; init; }
}

/// <summary>
/// The head of the chain at a moment, signed with the audit key and published outside the database (a file and the
/// log): a chain that later lacks the entry it names, or has fewer entries, was cut.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.audit-checkpoint")]
public sealed record AuditCheckpoint(
    [property: Id(0)] long Count,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Hash,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string KeyId,
    [property: Id(5)] string Signature)
{
    public string SignedText => string.Join('|', "checkpoint", Count, Sequence, Hash, At.UtcDateTime.ToString("O"));
}

[GenerateSerializer, Alias("hospital.audit-trail-state")]
public sealed record AuditTrailState
{
    [Id(0)] public long Count { get; init; }
    [Id(1)] public long HeadSequence { get; init; }
    [Id(2)] public string HeadHash { get; init; } = AuditChain.Genesis;
}

/// <summary>
/// The audit trail (key 0): appends records to the journal in a keyed chain (each entry's HMAC covers its content and
/// the previous entry's), so an entry edited, inserted, deleted or moved by someone with database access but without
/// the audit key breaks the chain; signed checkpoints published outside the database catch a cut-off tail.
/// </summary>
[Alias("hospital.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithIntegerKey
{
    /// <summary>Completes once the record is durable.</summary>
    [Alias("Record")] Task Record(AuditRecord record);

    /// <summary>Checks the chain, also against <paramref name="checkpoints"/> collected elsewhere (the log).</summary>
    [Alias("Verify")] Task<AuditVerification> Verify(IReadOnlyList<AuditCheckpoint>? checkpoints = null);
}

public static class AuditChain
{
    public const string Kind = "Audit";
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The fields an entry's hash covers, in a fixed order.</summary>
    public static string Text(string previous, DateTimeOffset occurredAt, string? mrn, string actor, string body) =>
        string.Join('\n', previous, occurredAt.UtcDateTime.ToString("O"), mrn ?? "", actor, body);

    /// <summary>Entries written before the chain was keyed: SHA-256 without a key (accepted only before the first keyed entry).</summary>
    public static string LegacyHash(string previous, DateTimeOffset occurredAt, string? mrn, string actor, string body) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text(previous, occurredAt, mrn, actor, body)))).ToLowerInvariant();
}
