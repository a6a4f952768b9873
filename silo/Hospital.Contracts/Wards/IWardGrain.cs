using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;

namespace Hospital.Contracts.Wards;

[GenerateSerializer, Immutable, Alias("hospital.new-bed")]
public sealed record NewBed([property: Id(0)] string Id, [property: Id(1)] string Room, [property: Id(2)] bool IsolationCapable);

[GenerateSerializer, Alias("hospital.ward-state")]
public sealed record WardState
{
    [Id(0)] public WardProfile? Profile { get; init; }
    [Id(1)] public IReadOnlyList<string> BedIds { get; init; } = [];
    [Id(2)] public IReadOnlyList<PendingAdmission> PendingAdmissions { get; init; } = [];
    [Id(3)] public IReadOnlyList<TransferRequest> TransferRequests { get; init; } = [];
    /// <summary>Beds being created: committed before any bed is, so a crash part-way is finished by the resume job.</summary>
    [Id(4)] public BedBatch? PendingBeds { get; init; }
    /// <summary>The latest turnaround times (Dirty to Available) of this ward's beds, in minutes, newest last.</summary>
    [Id(5)] public IReadOnlyList<double> TurnaroundMinutes { get; init; } = [];
    /// <summary>The latest cleaning times (Cleaning to Available), in minutes, newest last.</summary>
    [Id(6)] public IReadOnlyList<double> CleaningMinutes { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("hospital.bed-batch")]
public sealed record BedBatch([property: Id(0)] string Id, [property: Id(1)] IReadOnlyList<NewBed> Beds);

/// <summary>
/// One ward. Its beds push every change to it, so it answers its board and census from memory; it rebuilds that view
/// from its beds when it activates.
/// </summary>
[Alias("hospital.IWardGrain")]
public interface IWardGrain : IGrainWithStringKey
{
    [Alias("Create")] Task<WardProfile> Create(string name, SexPolicy sexPolicy);

    [Alias("Update")] Task<WardProfile> Update(string name, SexPolicy sexPolicy);

    /// <summary>Sets where the ward sits (service, building, floor); null clears one.</summary>
    [Alias("SetLocation")] Task<WardProfile> SetLocation(string? service, string? building, string? floor);

    [Alias("GetProfile"), Orleans.Concurrency.AlwaysInterleave] Task<WardProfile?> GetProfile();

    /// <summary>The beds of this ward the patient can be placed in now, and those that suit them and will be ready soon.</summary>
    [Alias("FindBeds"), Orleans.Concurrency.AlwaysInterleave] Task<WardBedMatches?> FindBeds(BedSearch search);

    /// <summary>The ward's row on the hospital board (null for an unknown ward).</summary>
    [Alias("GetSummary"), Orleans.Concurrency.AlwaysInterleave] Task<WardSummary?> GetSummary();

    [Alias("AddBed")] Task<Bed> AddBed(string bedId, string room, bool isolationCapable);

    /// <summary>Adds many beds with one write of the ward (seeding, bulk setup).</summary>
    [Alias("AddBeds")] Task<IReadOnlyList<Bed>> AddBeds(IReadOnlyList<NewBed> beds);

    [Alias("GetBoard"), Orleans.Concurrency.AlwaysInterleave] Task<WardBoard?> GetBoard();

    [Alias("GetCensus"), Orleans.Concurrency.AlwaysInterleave] Task<WardCensus?> GetCensus();

    /// <summary>Called by a bed of this ward after each change.</summary>
    [Alias("BedChanged")] Task BedChanged(Bed bed);

    [Alias("RequestAdmission")] Task<PendingAdmission> RequestAdmission(string mrn, string patientInitials, Priority priority, bool isolationRequired, DateOnly? expectedDischarge, string? note);

    [Alias("GetPendingAdmissions"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<PendingAdmission>> GetPendingAdmissions();

    /// <summary>Removes the request from the queue (placed or cancelled) and returns it.</summary>
    [Alias("RemovePendingAdmission")] Task<PendingAdmission> RemovePendingAdmission(string requestId);

    [Alias("RequestTransfer")] Task<TransferRequest> RequestTransfer(string encounterId, string mrn, string patientInitials, string fromBedId, Priority priority, string? reason);

    [Alias("GetTransferRequests"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<TransferRequest>> GetTransferRequests();

    [Alias("RemoveTransferRequest")] Task<TransferRequest> RemoveTransferRequest(string requestId);

    /// <summary>An admission or transfer placed the queue entry: it leaves the queue (already gone: nothing to do).</summary>
    [Alias("QueueEntryPlaced")] Task QueueEntryPlaced(string requestId, string encounterId);

    /// <summary>Finishes a bed creation a crash interrupted (the resume job).</summary>
    [Alias("Resume")] Task Resume();
}
