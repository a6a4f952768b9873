using Orleans.Storage;

namespace Hospital.WorkflowBench.Hosting;

/// <summary>Counts the state writes that reach the platform's grain storage, whichever workflow makes them.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private long _writes;

    public long Writes => Interlocked.Read(ref _writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Increment(ref _writes);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
