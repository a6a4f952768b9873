using System.Collections.Concurrent;
using System.Diagnostics;
using Hospital.LoadHarness.Measuring;
using Hospital.LoadHarness.Platform;

namespace Hospital.LoadHarness.Load;

/// <summary>
/// The mixed load: workers, each owning a share of the beds, take paced turns to register a patient, admit, transfer,
/// discharge, or move a Dirty bed to Cleaning and a Cleaning bed to Available. Before each change the worker tells
/// the ledger which bed versions it will produce, so listeners can time the pushes.
/// </summary>
public sealed class Workload(HospitalClient client, PushLedger ledger, double targetOccupancy)
{
    private readonly ConcurrentDictionary<string, long> _done = new();
    private readonly ConcurrentDictionary<string, long> _failed = new();
    private long _versionSurprises;
    private int _patients;

    public LatencyHistogram Writes { get; } = new();
    /// <summary>The same writes by kind (an admit is a longer chain of grain calls and commits than a status change).</summary>
    public ConcurrentDictionary<string, LatencyHistogram> WritesByKind { get; } = new();
    public IReadOnlyDictionary<string, long> Done => _done;
    public IReadOnlyDictionary<string, long> Failed => _failed;
    public long Acknowledged => _done.Values.Sum();
    /// <summary>Bed versions a status change returned that differ from what the worker expected.</summary>
    public long VersionSurprises => Interlocked.Read(ref _versionSurprises);

    public Task RunAsync(IReadOnlyList<WorkerBeds> workers, Pacer pacer) =>
        Task.WhenAll(workers.Select((beds, i) => Task.Run(() => WorkAsync(beds, pacer, new Random(i + 1)))));

    private async Task WorkAsync(WorkerBeds beds, Pacer pacer, Random random)
    {
        while (await pacer.WaitTurnAsync())
        {
            var kind = Choose(beds, random);
            if (kind is null)
            {
                continue;
            }

            try
            {
                var started = Stopwatch.GetTimestamp();
                await ChangeAsync(kind, beds, random);
                WritesByKind.GetOrAdd(kind, _ => new LatencyHistogram()).RecordSince(started);
                _done.AddOrUpdate(kind, 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
            {
                _failed.AddOrUpdate($"{kind}: {(e is ApiException api ? ((int)api.Status).ToString() : e.GetType().Name)}", 1, (_, n) => n + 1);
            }
        }
    }

    private string? Choose(WorkerBeds beds, Random random)
    {
        var occupancy = beds.Total == 0 ? 1 : (double)beds.Admitted.Count / beds.Total;
        var options = new List<(string Kind, int Weight)>();
        if (beds.Available.Count > 0)
        {
            options.Add(beds.Waiting.Count == 0 ? ("register", 2) : ("admit", occupancy < targetOccupancy ? 4 : 1));
        }

        if (beds.Admitted.Count > 0)
        {
            options.Add(("discharge", occupancy > targetOccupancy ? 3 : 1));
            if (beds.Available.Count > 0)
            {
                options.Add(("transfer", 1));
            }
        }

        if (beds.Dirty.Count > 0)
        {
            options.Add(("cleaning", 3));
        }

        if (beds.Cleaning.Count > 0)
        {
            options.Add(("available", 3));
        }

        if (options.Count == 0)
        {
            return null;
        }

        var pick = random.Next(options.Sum(o => o.Weight));
        foreach (var (kind, weight) in options)
        {
            if ((pick -= weight) < 0)
            {
                return kind;
            }
        }

        return options[^1].Kind;
    }

    private async Task ChangeAsync(string kind, WorkerBeds beds, Random random)
    {
        switch (kind)
        {
            case "register":
                beds.Waiting.Enqueue(await client.RegisterPatientAsync(Interlocked.Increment(ref _patients), Writes));
                break;
            case "admit":
            {
                var bed = WorkerBeds.Take(beds.Available, random);
                var mrn = beds.Waiting.Dequeue();
                var encounterId = await ChangeBedsAsync(kind, beds, [bed], () => client.AdmitAsync(mrn, bed.Id, Writes));
                beds.Admitted.Add(new TrackedEncounter(encounterId, bed));
                break;
            }
            case "transfer":
            {
                var encounter = WorkerBeds.Take(beds.Admitted, random);
                var to = WorkerBeds.Take(beds.Available, random);
                await ChangeBedsAsync(kind, beds, [to, encounter.Bed], async () => { await client.TransferAsync(encounter.EncounterId, to.Id, Writes); return 0; });
                beds.Admitted.Add(encounter with { Bed = to });
                beds.Dirty.Add(encounter.Bed);
                break;
            }
            case "discharge":
            {
                var encounter = WorkerBeds.Take(beds.Admitted, random);
                await ChangeBedsAsync(kind, beds, [encounter.Bed], async () => { await client.DischargeAsync(encounter.EncounterId, Writes); return 0; });
                beds.Dirty.Add(encounter.Bed);
                break;
            }
            case "cleaning" or "available":
            {
                var (from, to, status) = kind == "cleaning" ? (beds.Dirty, beds.Cleaning, "Cleaning") : (beds.Cleaning, beds.Available, "Available");
                var bed = WorkerBeds.Take(from, random);
                var version = await ChangeBedsAsync(kind, beds, [bed], () => client.SetStatusAsync(bed.Id, status, Writes));
                if (version != bed.Version)
                {
                    Interlocked.Increment(ref _versionSurprises);
                    bed.Version = version;
                }

                to.Add(bed);
                break;
            }
        }
    }

    /// <summary>
    /// Each bed changes once (version + 1). On failure the pushes are not expected and the beds are re-read, since a
    /// timed-out change may still have happened.
    /// </summary>
    private async Task<T> ChangeBedsAsync<T>(string kind, WorkerBeds beds, TrackedBed[] changing, Func<Task<T>> change)
    {
        var sent = Stopwatch.GetTimestamp();
        foreach (var bed in changing)
        {
            ledger.Expect(bed.Id, bed.WardId, bed.Version + 1, sent, kind);
        }

        try
        {
            var result = await change();
            foreach (var bed in changing)
            {
                bed.Version++;
            }

            return result;
        }
        catch
        {
            foreach (var bed in changing)
            {
                ledger.Forget(bed.Id, bed.WardId, bed.Version + 1);
                beds.Remove(bed.Id);
                try
                {
                    beds.Add(await client.BedAsync(bed.Id, bed.WardId));
                }
                catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
                {
                    // The bed drops out of this run.
                }
            }

            throw;
        }
    }
}
