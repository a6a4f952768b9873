using System.Collections.Concurrent;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>What the client knows about a request once it is over.</summary>
public enum Outcome
{
    /// <summary>A 2xx answer was read in full: the operation happened and must be in the state exactly once.</summary>
    Acknowledged,
    /// <summary>A 4xx answer (rule, validation, not found): the operation did not happen.</summary>
    Refused,
    /// <summary>No answer, a 5xx or a torn answer (the process was killed): it may or may not have happened, never in part.</summary>
    Unknown,
}

public enum OperationKind
{
    Admit, QueueAdmission, PlaceFromQueue, Transfer, Discharge, CancelAdmission, CancelTransfer, CancelDischarge, Swap,
    BedStatus, Vitals, Consume, Restock, StockTransfer,
}

/// <summary>
/// One request and what it claims. <see cref="EncounterId"/> is the admission it acted on (for an admission, the one it
/// created, known only when acknowledged); <see cref="Tag"/> marks a stock movement in the journal (consume reason,
/// restock lot) so it can be found there exactly once.
/// </summary>
public sealed record Operation(
    long Id, OperationKind Kind, Outcome Outcome, string? Mrn = null, string? EncounterId = null, string? OtherEncounterId = null,
    string? BinId = null, string? ToBinId = null, int Quantity = 0, string? Tag = null);

/// <summary>Every operation the driver issued, with its outcome; shared by all clients.</summary>
public sealed class OperationLedger
{
    private readonly ConcurrentQueue<Operation> _operations = new();
    private long _lastId;
    private int _failed;
    private readonly ConcurrentDictionary<string, int> _causes = new();

    public long NextId() => Interlocked.Increment(ref _lastId);

    public void Add(Operation operation) => _operations.Enqueue(operation);

    /// <summary>Requests so far that were not answered (unknown or not sent): clients check it after each one, so it is cheap.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public IReadOnlyList<Operation> All => _operations.ToList();

    public int Count(Outcome outcome) => _operations.Count(o => o.Outcome == outcome);

    /// <summary>Why outcomes were unknown (a status code, "timeout", the exception's type) or requests not sent at all.</summary>
    public void NoteFailure(string cause)
    {
        _causes.AddOrUpdate(cause, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _failed);
    }

    public string Causes() => string.Join(", ", _causes.OrderBy(c => c.Key).Select(c => $"{c.Key} x{c.Value}"));

    /// <summary>"Admit 120/340/3" per kind: acknowledged / issued / unknown.</summary>
    public string Summary() => string.Join(", ", _operations.GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g =>
        $"{g.Key} {g.Count(o => o.Outcome == Outcome.Acknowledged)}/{g.Count()}/{g.Count(o => o.Outcome == Outcome.Unknown)}"));
}
