using Hospital.LoadHarness.Platform;

namespace Hospital.LoadHarness.Load;

/// <summary>A bed as one worker tracks it: only that worker changes it, so it knows the version each change yields.</summary>
public sealed class TrackedBed(string id, string wardId, long version)
{
    public string Id { get; } = id;
    public string WardId { get; } = wardId;
    public long Version { get; set; } = version;
}

public sealed record TrackedEncounter(string EncounterId, TrackedBed Bed);

/// <summary>The beds and patients one worker owns, sorted by what can happen to them next.</summary>
public sealed class WorkerBeds
{
    public List<TrackedBed> Available { get; } = [];
    public List<TrackedBed> Dirty { get; } = [];
    public List<TrackedBed> Cleaning { get; } = [];
    public List<TrackedEncounter> Admitted { get; } = [];
    public Queue<string> Waiting { get; } = new();
    public int Total { get; private set; }

    /// <summary>Files a bed by its current status; Reserved and Blocked beds are left alone.</summary>
    public void Add(BedSnapshot bed)
    {
        var tracked = new TrackedBed(bed.Id, bed.WardId, bed.Version);
        Total++;
        switch (bed.Status)
        {
            case "Available": Available.Add(tracked); break;
            case "Dirty": Dirty.Add(tracked); break;
            case "Cleaning": Cleaning.Add(tracked); break;
            case "Occupied" when bed.EncounterId is not null: Admitted.Add(new TrackedEncounter(bed.EncounterId, tracked)); break;
            default: Total--; break;
        }
    }

    /// <summary>Forgets a bed whose state is no longer known (a failed change); the caller re-reads and re-adds it.</summary>
    public void Remove(string bedId)
    {
        Available.RemoveAll(b => b.Id == bedId);
        Dirty.RemoveAll(b => b.Id == bedId);
        Cleaning.RemoveAll(b => b.Id == bedId);
        Admitted.RemoveAll(e => e.Bed.Id == bedId);
        Total--;
    }

    public static T Take<T>(List<T> items, Random random)
    {
        var i = random.Next(items.Count);
        var item = items[i];
        items[i] = items[^1];
        items.RemoveAt(items.Count - 1);
        return item;
    }
}
