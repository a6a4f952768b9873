namespace Hospital.Contracts.Journal;

/// <summary>
/// The append-only event journal. <see cref="AppendAsync"/> returns only once the entry is durable, so a caller may
/// acknowledge its request afterwards.
/// </summary>
public interface IJournal
{
    Task<long> AppendAsync(JournalAppend entry, CancellationToken cancellationToken = default);

    /// <summary>Appends in order, in one transaction: the entries get consecutive positions in the order given.</summary>
    Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default);
}
