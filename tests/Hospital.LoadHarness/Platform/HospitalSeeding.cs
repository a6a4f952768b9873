using System.Diagnostics;
using Hospital.LoadHarness.Load;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Platform;

/// <summary>Builds the hospital under load and reads it back as the workers' share of beds.</summary>
public static class HospitalSeeding
{
    /// <summary>N wards then N x M beds through the api, <c>concurrency</c> requests at a time.</summary>
    public static async Task<(TimeSpan Elapsed, LatencyHistogram Timing)> SeedThroughApiAsync(HospitalClient client, int wards, int bedsPerWard, int concurrency)
    {
        var timing = new LatencyHistogram();
        var started = Stopwatch.GetTimestamp();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(1, wards), parallel, async (w, _) => await client.CreateWardAsync(WardId(w), timing));
        var beds = from w in Enumerable.Range(1, wards) from b in Enumerable.Range(1, bedsPerWard) select (w, b);
        await Parallel.ForEachAsync(beds, parallel, async (bed, _) =>
            await client.CreateBedAsync(WardId(bed.w), $"{WardId(bed.w)}-{bed.b:D3}", $"{bed.w}{bed.b:D3}", timing));
        return (Stopwatch.GetElapsedTime(started), timing);
    }

    /// <summary>Registers and admits a patient into <paramref name="share"/> of the Available beds.</summary>
    public static async Task<(int Admitted, TimeSpan Elapsed)> AdmitAsync(HospitalClient client, IReadOnlyList<BedSnapshot> beds, double share, int concurrency)
    {
        var chosen = beds.Where(b => b.Status == "Available").Where((_, i) => Math.Floor((i + 1) * share) > Math.Floor(i * share)).ToList();
        var started = Stopwatch.GetTimestamp();
        var admitted = 0;
        await Parallel.ForEachAsync(chosen.Select((bed, i) => (bed, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (x, _) =>
        {
            var mrn = await client.RegisterPatientAsync(-1 - x.i);
            await client.AdmitAsync(mrn, x.bed.Id);
            Interlocked.Increment(ref admitted);
        });
        return (admitted, Stopwatch.GetElapsedTime(started));
    }

    public static async Task<IReadOnlyList<BedSnapshot>> ReadBedsAsync(HospitalClient client, IReadOnlyList<string> wardIds)
    {
        var wards = new IReadOnlyList<BedSnapshot>[wardIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, wardIds.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => wards[i] = await client.BedsAsync(wardIds[i]));
        return wards.SelectMany(w => w).ToList();
    }

    /// <summary>Deals the beds out round-robin, so every worker has beds in every ward.</summary>
    public static IReadOnlyList<WorkerBeds> Deal(IReadOnlyList<BedSnapshot> beds, int workers)
    {
        var shares = Enumerable.Range(0, workers).Select(_ => new WorkerBeds()).ToList();
        for (var i = 0; i < beds.Count; i++)
        {
            shares[i % workers].Add(beds[i]);
        }

        return shares;
    }

    private static string WardId(int w) => $"L{w:D3}";
}
