namespace Hospital.Contracts.Changes;

/// <summary>
/// A message one grain sends another as part of a change. It is committed in the same transaction as the sender's new
/// state and journal lines (the outbox), delivered at least once (at once by the sender, again by the outbox sweeper
/// after a crash), and applied once by its receiver, which recognises a repeat by <see cref="MessageId"/> or by the
/// versions it carries.
/// </summary>
[GenerateSerializer, Alias("hospital.outbox-message")]
public abstract record OutboxMessage
{
    [Id(0)] public string MessageId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Hands the message to its receiver; completes once the receiver has applied (or recognised) it.</summary>
    public abstract Task DeliverAsync(IGrainFactory grains);
}

/// <summary>An outbox row as stored: the serialized message and when the sweeper may (re)deliver it.</summary>
public sealed record OutboxRow(string Id, DateTimeOffset DueAt, byte[] Payload);

/// <summary>Where outbox rows wait until delivered; written only inside a grain's commit, read by the sweeper.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Takes up to <paramref name="max"/> rows due within <paramref name="lookAhead"/> and pushes their due time
    /// <paramref name="lease"/> ahead, so that no other sweeper takes them while this one delivers (a sweeper that dies
    /// lets the lease lapse).
    /// </summary>
    Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(TimeSpan lease, int max, TimeSpan lookAhead = default, CancellationToken cancellationToken = default);

    /// <summary>Removes delivered rows; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);
}
