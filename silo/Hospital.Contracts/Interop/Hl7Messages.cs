using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Interop;

/// <summary>An HL7 v2 message as it came off the wire: its text, when and from where.</summary>
[GenerateSerializer, Immutable, Alias("hospital.hl7-received")]
public sealed record Hl7Received(
    [property: Id(0)] string Raw,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2)] string Peer);

/// <summary>
/// One message in the interface log: the raw text as received, the acknowledgement sent for it, and what it was
/// about. Written in the same transaction as the message's outcome, so every acknowledged message is on record.
/// </summary>
/// <param name="Sender">MSH-3 and MSH-4 as "application|facility"; with <paramref name="ControlId"/> (MSH-10) the message's identity.</param>
/// <param name="MessageType">MSH-9 as "ADT^A01", empty when the message had no readable header.</param>
/// <param name="AckCode">AA, AE or AR.</param>
[GenerateSerializer, Immutable, Alias("hospital.hl7-message-record")]
public sealed record Hl7MessageRecord(
    [property: Id(0)] string Sender,
    [property: Id(1)] string ControlId,
    [property: Id(2)] string MessageType,
    [property: Id(3)] string? Mrn,
    [property: Id(4)] string AckCode,
    [property: Id(5)] string? Error,
    [property: Id(6)] string Raw,
    [property: Id(7)] string Ack,
    [property: Id(8)] DateTimeOffset ReceivedAt,
    [property: Id(9)] DateTimeOffset AnsweredAt,
    [property: Id(10)] string Peer);

/// <summary>The interface log, a table of the project's own: searched by control id and MRN, newest first.</summary>
public interface IHl7MessageLog
{
    /// <summary>Records a message that never reached a grain (no readable header or no control id): a logged refusal.</summary>
    Task AppendAsync(Hl7MessageRecord record, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Hl7MessageRecord>> SearchAsync(string? controlId, string? mrn, int limit, CancellationToken cancellationToken = default);
}

/// <summary>
/// One inbound message, keyed by its sender and control id (<see cref="Hl7Keys.For"/>). It commits the message before
/// applying it, applies it through the same workflows as the REST API (with an operation id of its own, so a resumed
/// attempt finds the steps the first one made), and commits its acknowledgement with the log row. A repeat of the
/// message gets that first acknowledgement and applies nothing.
/// </summary>
[Alias("hospital.IHl7InboundGrain")]
public interface IHl7InboundGrain : IGrainWithStringKey
{
    /// <summary>The acknowledgement to send, once the message has been applied (or refused) durably.</summary>
    [Alias("Receive")] Task<string> Receive(Hl7Received message);

    /// <summary>Finishes a message a crash interrupted (the resume job).</summary>
    [Alias("Resume")] Task Resume();
}

[GenerateSerializer, Alias("hospital.hl7-inbound-state")]
public sealed record Hl7InboundState
{
    /// <summary>The message being applied; committed before anything is touched.</summary>
    [Id(0)] public Hl7Received? Pending { get; init; }

    /// <summary>The acknowledgement sent: a repeat gets it again.</summary>
    [Id(1)] public string? Ack { get; init; }
}

public static class Hl7Keys
{
    /// <summary>The longest MSH-3, MSH-4 or MSH-10 taken; HL7 allows far less (MSH-10 is 20 in v2.3, 199 in v2.5).</summary>
    public const int MaxPartLength = 200;

    public static string Sender(string application, string facility) => $"{application}|{facility}";

    public static string For(string sender, string controlId) => $"{sender}\n{controlId}";

    /// <summary>MSH-10 of an acknowledgement: new for every one (20 characters, the v2.3 length).</summary>
    public static string NewAckControlId() => "ACK" + Guid.NewGuid().ToString("N")[..17].ToUpperInvariant();
}

/// <summary>The resume job of an inbound message.</summary>
[GenerateSerializer, Alias("hospital.resume-hl7")]
public sealed record ResumeHl7Inbound([property: Id(0)] string Key) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IHl7InboundGrain>(Key).Resume();
}
