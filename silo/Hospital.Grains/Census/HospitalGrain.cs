using Hospital.Contracts.Census;
using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Wards;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Census;

public sealed class HospitalGrain(
    [PersistentState("hospital", HospitalStorage.Name)] IPersistentState<HospitalState> state,
    GrainChanges changes,
    IJournal journal,
    HospitalTime clock) : Grain, IHospitalGrain
{
    /// <summary>How often the census is written to the journal, for occupancy trends.</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromMinutes(5);

    // Each ward's last reported counts, and their sum: a ward's change is one subtraction and one addition.
    private readonly Dictionary<string, CensusCounts> _wards = new(StringComparer.Ordinal);
    private CensusCounts _total = CensusCounts.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var censuses = await Task.WhenAll(state.State.Wards.Select(w => GrainFactory.GetGrain<IWardGrain>(w.Id).GetCensus()));
        foreach (var census in censuses.OfType<WardCensus>())
        {
            Apply(census.WardId, census.Counts);
        }

        // The census lives in memory and the trend needs snapshots: stay active, and snapshot on a timer.
        DelayDeactivation(TimeSpan.FromDays(3650));
        this.RegisterGrainTimer(_ => Snapshot(), new GrainTimerCreationOptions { DueTime = SnapshotInterval, Period = SnapshotInterval });
    }

    /// <summary>A fact with no state of this grain's to change: journaled on its own.</summary>
    private Task Snapshot() => state.State.Wards.Count == 0
        ? Task.CompletedTask
        : journal.RecordAsync(CensusSnapshotEvent.Kind, CensusSnapshotEvent.Entity, null, new CensusSnapshotEvent(
            _total.Total, _total.Occupied, _total.Blocked,
            _wards.Select(w => new WardSnapshot(w.Key, w.Value.Total, w.Value.Occupied, w.Value.Blocked)).ToList()), clock.GetUtcNow());

    public async Task RegisterWard(WardProfile ward)
    {
        if (state.State.Wards.Contains(ward))
        {
            return;
        }

        var wards = state.State.Wards.Where(w => w.Id != ward.Id).Append(ward).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        state.State = state.State with { Wards = wards };
        await changes.CommitAsync(this, state, Change.None);
        if (!_wards.ContainsKey(ward.Id))
        {
            Apply(ward.Id, CensusCounts.Empty);
        }
    }

    public Task<IReadOnlyList<WardProfile>> GetWards() => Task.FromResult(state.State.Wards);

    public Task<CensusCounts> WardCountsChanged(string wardId, CensusCounts counts)
    {
        Apply(wardId, counts);
        return Task.FromResult(_total);
    }

    public Task<HospitalCensus> GetCensus() => Task.FromResult(new HospitalCensus(_total,
        state.State.Wards.Select(w => new WardCensus(w.Id, _wards.GetValueOrDefault(w.Id, CensusCounts.Empty))).ToList()));

    private void Apply(string wardId, CensusCounts counts)
    {
        if (_wards.TryGetValue(wardId, out var previous))
        {
            _total -= previous;
        }

        _wards[wardId] = counts;
        _total += counts;
    }
}
