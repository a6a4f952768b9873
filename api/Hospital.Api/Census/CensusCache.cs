using System.Text.Json;
using Hospital.Contracts.Census;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Census;

/// <summary>
/// The hospital census as this api process last read it, served until anything may have changed it: a write request
/// handled here (marked before its response starts, after its grain calls have finished), any batch of the live feed
/// (changes made through other processes, milliseconds later), or <see cref="MaxAge"/>. A read never waits for more
/// than one grain call, and concurrent readers share it.
/// </summary>
public sealed class CensusCache(IGrainFactory grains, TimeProvider clock, IOptions<JsonOptions> json)
{
    /// <summary>The backstop for a change no event told us about (a lapsed feed subscription).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private long _generation;
    private Snapshot? _current;
    private Fetch? _fetching;

    /// <summary>Something may have changed the census: the next read asks the hospital grain again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>The census as the api's JSON (<see cref="HospitalCensusView"/>), serialized once per snapshot.</summary>
    public async Task<byte[]> GetJsonAsync()
    {
        var census = await GetAsync();
        lock (_gate)
        {
            if (_current is { } snapshot && ReferenceEquals(snapshot.Census, census))
            {
                return snapshot.Json ??= Serialize(census);
            }
        }

        return Serialize(census);
    }

    private byte[] Serialize(HospitalCensus census) =>
        JsonSerializer.SerializeToUtf8Bytes(HospitalCensusView.From(census), json.Value.SerializerOptions);

    public Task<HospitalCensus> GetAsync()
    {
        Fetch fetch;
        lock (_gate)
        {
            var generation = Interlocked.Read(ref _generation);
            if (_current is { } snapshot && snapshot.Generation == generation && clock.GetUtcNow() - snapshot.At < MaxAge)
            {
                return Task.FromResult(snapshot.Census);
            }

            if (_fetching is { } running && running.Generation == generation && !running.Task.IsCompleted)
            {
                return running.Task;
            }

            fetch = new Fetch(generation, clock.GetUtcNow(), grains.GetGrain<IHospitalGrain>(0).GetCensus());
            _fetching = fetch;
        }

        return Keep(fetch);
    }

    private async Task<HospitalCensus> Keep(Fetch fetch)
    {
        var census = await fetch.Task;
        lock (_gate)
        {
            // Only a read that started at the newest generation may be kept; an older one is answered but not kept.
            if (_current is null || fetch.Generation >= _current.Generation)
            {
                _current = new Snapshot(fetch.Generation, fetch.StartedAt, census);
            }
        }

        return census;
    }

    private sealed record Snapshot(long Generation, DateTimeOffset At, HospitalCensus Census)
    {
        public byte[]? Json { get; set; }
    }

    private sealed record Fetch(long Generation, DateTimeOffset StartedAt, Task<HospitalCensus> Task);
}

/// <summary>Marks the census stale for every request that may change something, as its response starts.</summary>
internal sealed class CensusInvalidation(RequestDelegate next, CensusCache cache)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.OnStarting(() =>
            {
                cache.Invalidate();
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
