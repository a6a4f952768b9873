using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Hospital.Grains.Changes;

namespace Hospital.WorkflowBench.Stock;

/// <summary>A supply bin that moves stock with the platform's outbox: commit the decrement and a message, apply it once.</summary>
[Alias("bench.outbox-bin")]
public interface IOutboxBinGrain : IGrainWithIntegerKey
{
    [Alias("transfer-to")]
    Task TransferTo(long target, int units);

    [Alias("receive")]
    Task Receive(StockSent message);

    [Alias("adjust")]
    Task Adjust(int delta);

    [Alias("units")]
    Task<int> Units();
}

/// <summary>Stock on its way from one bin to another; <see cref="Sequence"/> counts the sender's transfers from 1.</summary>
[GenerateSerializer, Alias("bench.stock-sent")]
public sealed record StockSent([property: Id(0)] long From, [property: Id(1)] long Sequence, [property: Id(2)] long To, [property: Id(3)] int Units)
    : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IOutboxBinGrain>(To).Receive(this);
}

[GenerateSerializer, Alias("bench.outbox-bin-state")]
public sealed record OutboxBinState
{
    [Id(0)] public int Units { get; init; }

    /// <summary>How many transfers this bin has sent (the next message's sequence minus one).</summary>
    [Id(1)] public long Sent { get; init; }

    /// <summary>Per sender, which of its messages were applied: every sequence up to a mark, and those beyond it.</summary>
    [Id(2)] public Dictionary<long, Applied> Received { get; init; } = [];
}

/// <summary>
/// Applied sequences of one sender. Deliveries may arrive out of order (each is sent off the sender's turn, and the
/// sweeper redelivers late), so a high-water mark alone would drop an earlier one; the gaps are kept until filled.
/// </summary>
[GenerateSerializer, Alias("bench.applied")]
public sealed record Applied([property: Id(0)] long Through, [property: Id(1)] long[] Beyond)
{
    public bool Contains(long sequence) => sequence <= Through || Beyond.Contains(sequence);

    public Applied With(long sequence)
    {
        var beyond = Beyond.Append(sequence).ToHashSet();
        var through = Through;
        while (beyond.Remove(through + 1))
        {
            through++;
        }

        return new Applied(through, [.. beyond.Order()]);
    }
}

public sealed class OutboxBinGrain(
    [PersistentState("outbox-stock", HospitalStorage.Name)] IPersistentState<OutboxBinState> state,
    GrainChanges changes) : Grain, IOutboxBinGrain
{
    private long Id => this.GetPrimaryKeyLong();

    public async Task TransferTo(long target, int units)
    {
        if (state.State.Units < units)
        {
            throw new InvalidOperationException($"Bin {Id} holds {state.State.Units}, not {units}.");
        }

        var sent = state.State.Sent + 1;
        // Post, not Send: the target may be transferring to this bin at this moment, waiting on it; an awaited
        // delivery would be a call cycle. The units are committed as in flight and reach the target shortly after.
        await Commit(state.State with { Units = state.State.Units - units, Sent = sent },
            new Change { Post = [new StockSent(Id, sent, target, units) { MessageId = $"stock:{Id}:{sent}" }] });
    }

    public async Task Receive(StockSent message)
    {
        var applied = state.State.Received.GetValueOrDefault(message.From, new Applied(0, []));
        if (applied.Contains(message.Sequence))
        {
            return;
        }

        var received = new Dictionary<long, Applied>(state.State.Received) { [message.From] = applied.With(message.Sequence) };
        await Commit(state.State with { Units = state.State.Units + message.Units, Received = received }, Change.None);
    }

    public Task Adjust(int delta) => Commit(state.State with { Units = state.State.Units + delta }, Change.None);

    public Task<int> Units() => Task.FromResult(state.State.Units);

    private async Task Commit(OutboxBinState next, Change change)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await changes.CommitAsync(this, state, change);
        }
        catch
        {
            // Not committed: keep what is stored, not what was hoped for.
            state.State = previous;
            throw;
        }
    }
}
