using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Live;
using Hospital.Contracts.Wards;
using Hospital.Grains.Beds;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;
using Hospital.Grains.Medications;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Wards;

public sealed class WardGrain(
    [PersistentState("ward", HospitalStorage.Name)] IPersistentState<WardState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<BedOptions> bedOptions,
    IOptions<HospitalZoneOptions> zone) : Grain, IWardGrain
{
    /// <summary>How many of the latest turnaround and cleaning times the ward's medians are taken over.</summary>
    public const int TimingSamples = 25;

    /// <summary>How often measured times not yet written with another change are written on their own.</summary>
    private static readonly TimeSpan TimingFlushPeriod = TimeSpan.FromMinutes(5);

    /// <summary>When the occupant of a bed whose expected discharge is a date is expected to leave that day.</summary>
    private static readonly TimeOnly ExpectedDischargeTime = new(12, 0);

    // The board: every bed as it last reported itself. Rebuilt from the beds on activation, then kept by their pushes.
    private readonly Dictionary<string, Bed> _beds = new(StringComparer.Ordinal);
    private CensusCounts _counts = CensusCounts.Empty;
    private DateOnly _today;
    // When each bed last became Dirty (known for beds seen going Dirty, or Dirty at activation): its turnaround's start.
    private readonly Dictionary<string, DateTimeOffset> _dirtyAt = new(StringComparer.Ordinal);
    private List<double> _turnaround = [];
    private List<double> _cleaning = [];
    private bool _timingsUnsaved;

    private string WardId => this.GetPrimaryKeyString();

    private WardProfile Profile => state.State.Profile ?? throw HospitalException.NotFound("Ward", WardId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var beds = await Task.WhenAll(state.State.BedIds.Select(id => GrainFactory.GetGrain<IBedGrain>(id).Get()));
        foreach (var bed in beds.OfType<Bed>())
        {
            _beds[bed.Id] = bed;
            if (bed.Status == BedStatus.Dirty)
            {
                _dirtyAt[bed.Id] = bed.Since;
            }
        }

        _counts = Count();
        _turnaround = [.. state.State.TurnaroundMinutes];
        _cleaning = [.. state.State.CleaningMinutes];
        this.RegisterGrainTimer(_ => SaveTimings(), new GrainTimerCreationOptions { DueTime = TimingFlushPeriod, Period = TimingFlushPeriod });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await SaveTimings();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Measured times are estimates: losing the latest few to a failing store costs nothing a patient relies on.
        }
    }

    public async Task<WardProfile> Create(string name, SexPolicy sexPolicy)
    {
        if (state.State.Profile is not null)
        {
            throw HospitalException.Conflict("Ward already exists", $"Ward '{WardId}' already exists.");
        }

        var profile = new WardProfile(WardId, name, sexPolicy, clock.GetUtcNow());
        state.State = state.State with { Profile = profile };
        await Commit("WardCreated", WardId, null, profile, new WardRegisteredMessage(profile));
        return profile;
    }

    public async Task<WardProfile> Update(string name, SexPolicy sexPolicy)
    {
        var profile = Profile with { Name = name, SexPolicy = sexPolicy };
        if (profile == Profile)
        {
            return profile;
        }

        state.State = state.State with { Profile = profile };
        await Commit("WardUpdated", WardId, null, profile, new WardRegisteredMessage(profile));
        return profile;
    }

    public async Task<WardProfile> SetLocation(string? service, string? building, string? floor)
    {
        var profile = Profile with { Service = service, Building = building, Floor = floor };
        if (profile == Profile)
        {
            return profile;
        }

        state.State = state.State with { Profile = profile };
        await Commit("WardUpdated", WardId, null, profile, new WardRegisteredMessage(profile));
        return profile;
    }

    public Task<WardProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<WardBedMatches?> FindBeds(BedSearch search)
    {
        if (state.State.Profile is not { } profile)
        {
            return Task.FromResult<WardBedMatches?>(null);
        }

        var now = clock.GetUtcNow();
        var ready = new List<Bed>();
        var soon = new List<SoonBed>();
        foreach (var bed in _beds.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            if (bed.Id == search.ExceptBedId || BedPlacement.Unsuited(bed, profile.SexPolicy, search.Sex, search.IsolationRequired) is not null)
            {
                continue;
            }

            if (BedPlacement.StatusAdmits(bed, search.Mrn))
            {
                ready.Add(bed);
            }
            else if (ReadyAt(bed, now) is { } expected && (bed.Status != BedStatus.Occupied || bed.ExpectedDischarge <= Today()))
            {
                soon.Add(new SoonBed(bed, expected.At, expected.Basis));
            }
        }

        return Task.FromResult<WardBedMatches?>(new WardBedMatches(profile, ready, soon.OrderBy(s => s.ReadyAt).ToList()));
    }

    public Task<WardSummary?> GetSummary() => Task.FromResult(state.State.Profile is { } profile
        ? new WardSummary(profile, Census().Counts, Outlook())
        : null);

    /// <summary>Beds expected free within 4, 8 and 24 hours, from the ward's beds as they last reported themselves.</summary>
    private WardOutlook Outlook()
    {
        var now = clock.GetUtcNow();
        int within4 = 0, within8 = 0, within24 = 0, today = 0, tomorrow = 0;
        foreach (var bed in _beds.Values)
        {
            if (bed is { Status: BedStatus.Occupied, ExpectedDischarge: { } date })
            {
                today += date <= Today() ? 1 : 0;
                tomorrow += date == Today().AddDays(1) ? 1 : 0;
            }

            if (ReadyAt(bed, now) is not { } expected)
            {
                continue;
            }

            var wait = expected.At - now;
            within4 += wait <= TimeSpan.FromHours(4) ? 1 : 0;
            within8 += wait <= TimeSpan.FromHours(8) ? 1 : 0;
            within24 += wait <= TimeSpan.FromHours(24) ? 1 : 0;
        }

        return new WardOutlook(WardId, _counts.Available, within4, within8, within24, _counts.Cleaning, _counts.Dirty, today, tomorrow,
            state.State.PendingAdmissions.Count, Turnaround.TotalMinutes, CleaningTime.TotalMinutes, _turnaround.Count);
    }

    /// <summary>
    /// When a bed that is not free is expected to be: a cleaning bed after the ward's median cleaning time from its start,
    /// a dirty one after the median turnaround from when it became dirty, an occupied one whose patient has an expected
    /// discharge date at midday of that date (or now, if later) plus a turnaround. Never before now. Null: no estimate
    /// (occupied with no expected discharge, reserved, blocked, or already available).
    /// </summary>
    private (DateTimeOffset At, ReadyBasis Basis)? ReadyAt(Bed bed, DateTimeOffset now)
    {
        DateTimeOffset Later(DateTimeOffset at) => at > now ? at : now;
        return bed.Status switch
        {
            BedStatus.Cleaning => (Later(bed.Since + CleaningTime), ReadyBasis.Cleaning),
            BedStatus.Dirty => (Later(_dirtyAt.GetValueOrDefault(bed.Id, bed.Since) + Turnaround), ReadyBasis.Dirty),
            BedStatus.Occupied when bed.ExpectedDischarge is { } date =>
                (Later(DoseSchedule.ToUtc(date, ExpectedDischargeTime, zone.Value.Zone)) + Turnaround, ReadyBasis.ExpectedDischarge),
            _ => null,
        };
    }

    private TimeSpan Turnaround => Median(_turnaround) ?? bedOptions.Value.DefaultTurnaround;

    private TimeSpan CleaningTime => Median(_cleaning) ?? bedOptions.Value.DefaultCleaning;

    private static TimeSpan? Median(List<double> minutes)
    {
        if (minutes.Count == 0)
        {
            return null;
        }

        var sorted = minutes.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return TimeSpan.FromMinutes(median);
    }

    /// <summary>Learns the ward's turnaround and cleaning times from its beds' changes.</summary>
    private void Measure(Bed? known, Bed bed)
    {
        if (bed.Status == BedStatus.Dirty)
        {
            _dirtyAt[bed.Id] = bed.Since;
            return;
        }

        if (bed.Status is not (BedStatus.Available or BedStatus.Cleaning))
        {
            _dirtyAt.Remove(bed.Id);
        }

        if (bed.Status != BedStatus.Available || known is not { Status: BedStatus.Dirty or BedStatus.Cleaning })
        {
            return;
        }

        if (_dirtyAt.Remove(bed.Id, out var dirtyAt) && bed.Since > dirtyAt)
        {
            Keep(_turnaround, (bed.Since - dirtyAt).TotalMinutes);
        }

        if (known.Status == BedStatus.Cleaning && bed.Since > known.Since)
        {
            Keep(_cleaning, (bed.Since - known.Since).TotalMinutes);
        }
    }

    private void Keep(List<double> samples, double minutes)
    {
        // Bounded: a bed left dirty over a long weekend says nothing about a normal turnaround.
        samples.Add(Math.Min(minutes, TimeSpan.FromDays(7).TotalMinutes));
        if (samples.Count > TimingSamples)
        {
            samples.RemoveAt(0);
        }

        _timingsUnsaved = true;
    }

    /// <summary>Writes measured times that no other change of the ward has written yet.</summary>
    private async Task SaveTimings()
    {
        if (!_timingsUnsaved || state.State.Profile is null)
        {
            return;
        }

        await CommitAsync(new Change());
    }

    public async Task<Bed> AddBed(string bedId, string room, bool isolationCapable) =>
        (await AddBeds([new NewBed(bedId, room, isolationCapable)]))[0];

    /// <summary>
    /// Creates beds as a workflow: the batch is committed (with a resume job) before any bed exists, each bed's creation
    /// is idempotent, and the ward lists the created beds in the commit that ends the batch.
    /// </summary>
    public async Task<IReadOnlyList<Bed>> AddBeds(IReadOnlyList<NewBed> beds)
    {
        _ = Profile;
        if (state.State.PendingBeds is not null)
        {
            await CreatePendingBeds();
        }

        if (beds.FirstOrDefault(b => state.State.BedIds.Contains(b.Id)) is { } listed)
        {
            throw HospitalException.Conflict("Bed already exists", $"Bed '{listed.Id}' already exists on ward '{WardId}'.");
        }

        var batch = new BedBatch(Guid.NewGuid().ToString("N"), beds);
        state.State = state.State with { PendingBeds = batch };
        await CommitAsync(new Change
        {
            Schedule = [new ScheduledMessage(new ResumeWard(WardId) { MessageId = JobId(batch) }, GrainChanges.ResumeAfter)],
        });
        var (created, refused) = await CreatePendingBeds();
        if (refused is not null)
        {
            throw refused;
        }

        return created;
    }

    public async Task Resume()
    {
        if (state.State.PendingBeds is not null)
        {
            await CreatePendingBeds();
        }
    }

    private async Task<(IReadOnlyList<Bed> Created, Exception? Refused)> CreatePendingBeds()
    {
        var batch = state.State.PendingBeds!;
        // A bed that exists on another ward refuses Create, so ids stay unique hospital-wide; one of this ward's is returned.
        var attempts = batch.Beds.Select(b => GrainFactory.GetGrain<IBedGrain>(b.Id).Create(WardId, b.Room, b.IsolationCapable)).ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch
        {
            // Keep the beds that were created; report the first refusal below.
        }

        if (attempts.FirstOrDefault(t => t.IsFaulted && t.Exception!.InnerException is not HospitalException) is { } failed)
        {
            // The database or the cluster failed: the batch stays pending for the resume job.
            throw failed.Exception!.InnerException!;
        }

        var created = attempts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        state.State = state.State with
        {
            BedIds = [.. state.State.BedIds, .. created.Select(b => b.Id).Where(id => !state.State.BedIds.Contains(id))],
            PendingBeds = null,
        };
        await CommitAsync(new Change { Done = [JobId(batch)] });
        var counts = _counts;
        foreach (var bed in created)
        {
            if (_beds.TryGetValue(bed.Id, out var known))
            {
                counts -= Contribution(known);
            }

            _beds[bed.Id] = bed;
            counts += Contribution(bed);
        }

        await Publish(counts, null);
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).Publish(created.Select(b => new LiveEvent([WardId], ToHospital: false, Bed: b)).ToList());
        return (created, attempts.FirstOrDefault(t => t.IsFaulted)?.Exception!.InnerException);
    }

    private static string JobId(BedBatch batch) => $"resume-ward:{batch.Id}";

    public Task<WardBoard?> GetBoard() => Task.FromResult(state.State.Profile is { } p
        ? new WardBoard(p.Id, p.Name, p.SexPolicy, _beds.Values.OrderBy(b => b.Id, StringComparer.Ordinal).ToList(), Census())
        : null);

    public Task<WardCensus?> GetCensus() => Task.FromResult(state.State.Profile is null ? null : Census());

    public async Task BedChanged(Bed bed)
    {
        if (_beds.TryGetValue(bed.Id, out var known) && known.Version >= bed.Version)
        {
            return;
        }

        var next = _counts + Contribution(bed);
        if (known is not null)
        {
            next -= Contribution(known);
        }

        Measure(known, bed);
        _beds[bed.Id] = bed;
        await Publish(next, new LiveEvent([WardId], ToHospital: false, Bed: bed));
    }

    public async Task<PendingAdmission> RequestAdmission(string mrn, string patientInitials, Priority priority, bool isolationRequired, DateOnly? expectedDischarge, string? note)
    {
        _ = Profile;
        if (state.State.PendingAdmissions.FirstOrDefault(p => p.Mrn == mrn) is { } waiting)
        {
            throw HospitalException.Conflict("Already waiting", $"Patient '{mrn}' already waits for a bed on ward '{WardId}' (request '{waiting.Id}').");
        }

        var request = new PendingAdmission(NewId("PA"), WardId, mrn, patientInitials, priority, isolationRequired, expectedDischarge, note, clock.GetUtcNow());
        state.State = state.State with { PendingAdmissions = Queue([.. state.State.PendingAdmissions, request], r => r.Priority, r => r.RequestedAt) };
        await Commit("AdmissionRequested", request.Id, mrn, request);
        await QueueChanged();
        return request;
    }

    public Task<IReadOnlyList<PendingAdmission>> GetPendingAdmissions() => Task.FromResult(state.State.PendingAdmissions);

    public async Task<PendingAdmission> RemovePendingAdmission(string requestId)
    {
        var request = state.State.PendingAdmissions.FirstOrDefault(r => r.Id == requestId)
            ?? throw HospitalException.NotFound("Pending admission", requestId);
        state.State = state.State with { PendingAdmissions = state.State.PendingAdmissions.Where(r => r.Id != requestId).ToList() };
        await Commit("AdmissionRequestClosed", requestId, request.Mrn, new { request.WardId });
        await QueueChanged();
        return request;
    }

    public async Task<TransferRequest> RequestTransfer(string encounterId, string mrn, string patientInitials, string fromBedId, Priority priority, string? reason)
    {
        _ = Profile;
        if (state.State.TransferRequests.FirstOrDefault(t => t.EncounterId == encounterId) is { } waiting)
        {
            throw HospitalException.Conflict("Already waiting", $"Encounter '{encounterId}' already waits for a transfer to ward '{WardId}' (request '{waiting.Id}').");
        }

        var request = new TransferRequest(NewId("TR"), WardId, encounterId, mrn, fromBedId, priority, reason, clock.GetUtcNow(), patientInitials);
        state.State = state.State with { TransferRequests = Queue([.. state.State.TransferRequests, request], r => r.Priority, r => r.RequestedAt) };
        await Commit("TransferRequested", request.Id, mrn, request);
        return request;
    }

    public Task<IReadOnlyList<TransferRequest>> GetTransferRequests() => Task.FromResult(state.State.TransferRequests);

    public async Task<TransferRequest> RemoveTransferRequest(string requestId)
    {
        var request = state.State.TransferRequests.FirstOrDefault(r => r.Id == requestId)
            ?? throw HospitalException.NotFound("Transfer request", requestId);
        state.State = state.State with { TransferRequests = state.State.TransferRequests.Where(r => r.Id != requestId).ToList() };
        await Commit("TransferRequestClosed", requestId, request.Mrn, new { request.WardId });
        return request;
    }

    public async Task QueueEntryPlaced(string requestId, string encounterId)
    {
        if (state.State.PendingAdmissions.FirstOrDefault(r => r.Id == requestId) is { } admission)
        {
            state.State = state.State with { PendingAdmissions = state.State.PendingAdmissions.Where(r => r.Id != requestId).ToList() };
            await Commit("AdmissionRequestClosed", requestId, admission.Mrn, new { admission.WardId, placedAs = encounterId });
            await QueueChanged();
        }
        else if (state.State.TransferRequests.FirstOrDefault(r => r.Id == requestId) is { } transfer)
        {
            state.State = state.State with { TransferRequests = state.State.TransferRequests.Where(r => r.Id != requestId).ToList() };
            await Commit("TransferRequestClosed", requestId, transfer.Mrn, new { transfer.WardId, placedAs = encounterId });
        }
    }

    /// <summary>Commits the ward's state, with the times it has measured since the last commit, and the change.</summary>
    private async Task CommitAsync(Change change)
    {
        state.State = state.State with { TurnaroundMinutes = [.. _turnaround], CleaningMinutes = [.. _cleaning] };
        await changes.CommitAsync(this, state, change);
        _timingsUnsaved = false;
    }

    /// <summary>Commits the ward's state with its journal line (and, for a profile change, the hospital's message).</summary>
    private Task Commit(string kind, string entityId, string? mrn, object payload, Contracts.Changes.OutboxMessage? message = null) =>
        CommitAsync(new Change
        {
            Journal = [JournalExtensions.Line(kind, entityId, mrn, payload, clock.GetUtcNow())],
            Send = message is null ? [] : [message],
        });

    private Task QueueChanged() => Publish(_counts with { PendingAdmissions = state.State.PendingAdmissions.Count }, null);

    /// <summary>Takes the new counts, tells the hospital when they changed, and publishes what changed.</summary>
    private async Task Publish(CensusCounts counts, LiveEvent? bedEvent)
    {
        if (_today != Today())
        {
            counts = Count();
        }

        var events = new List<LiveEvent>(2);
        if (bedEvent is not null)
        {
            events.Add(bedEvent);
        }

        if (counts != _counts)
        {
            _counts = counts;
            var hospital = await GrainFactory.GetGrain<IHospitalGrain>(0).WardCountsChanged(WardId, counts);
            events.Add(new LiveEvent([WardId], ToHospital: true, Census: new CensusChanged(Census(), hospital)));
        }

        if (events.Count > 0)
        {
            await GrainFactory.GetGrain<ILiveFeedGrain>(0).Publish(events);
        }
    }

    private WardCensus Census()
    {
        if (_today != Today())
        {
            _counts = Count();
        }

        return new WardCensus(WardId, _counts);
    }

    /// <summary>Full recount: on activation and when the date rolls over (expected discharges are "today").</summary>
    private CensusCounts Count()
    {
        _today = Today();
        return _beds.Values.Aggregate(CensusCounts.Empty with { PendingAdmissions = state.State.PendingAdmissions.Count },
            (counts, bed) => counts + Contribution(bed));
    }

    /// <summary>What one bed adds to its ward's counts.</summary>
    private CensusCounts Contribution(Bed bed) => new(
        Total: 1,
        Available: bed.Status == BedStatus.Available ? 1 : 0,
        Reserved: bed.Status == BedStatus.Reserved ? 1 : 0,
        Occupied: bed.Status == BedStatus.Occupied ? 1 : 0,
        Dirty: bed.Status == BedStatus.Dirty ? 1 : 0,
        Cleaning: bed.Status == BedStatus.Cleaning ? 1 : 0,
        Blocked: bed.Status == BedStatus.Blocked ? 1 : 0,
        PendingAdmissions: 0,
        ExpectedDischargesToday: bed is { Status: BedStatus.Occupied, ExpectedDischarge: { } d } && d <= _today ? 1 : 0,
        News2High: bed is { Status: BedStatus.Occupied, News2RiskBand: nameof(Contracts.Clinical.News2RiskBand.High) } ? 1 : 0);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Highest priority first, then first come first served.</summary>
    private static List<T> Queue<T>(IEnumerable<T> items, Func<T, Priority> priority, Func<T, DateTimeOffset> at) =>
        items.OrderByDescending(priority).ThenBy(at).ToList();

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..15];
}
