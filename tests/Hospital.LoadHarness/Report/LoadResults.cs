using Hospital.LoadHarness.Ceilings;
using Hospital.LoadHarness.Load;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Report;

/// <summary>Everything one run measured; written as JSON and printed as a table.</summary>
public sealed record LoadResults
{
    public required string StartedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public required HarnessOptions Options { get; init; }
    public required SeedingResult Seeding { get; init; }
    public AdmissionResult? Admissions { get; set; }
    public required MemoryResult Memory { get; init; }
    public MixedLoadResult? Load { get; set; }
    public Throughput? CensusSaturation { get; set; }
    public Throughput? ApiHealthLive { get; set; }
    public PgbenchResult? PgbenchUpserts { get; set; }
    public Throughput? BareEndpoint { get; set; }
    public RawBroadcastResult? RawSignalR { get; set; }
    public List<TargetResult> Targets { get; } = [];
}

public sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Dotnet, string? Postgres);

/// <param name="Method">api (POST wards and beds) or command (the seed command joining the cluster).</param>
public sealed record SeedingResult(string Method, int Wards, int Beds, double Seconds, double BedsPerSecond, Latency? HttpLatency, string? CommandOutput);

public sealed record AdmissionResult(int Admitted, double Seconds, double PerSecond);

/// <summary>RSS per process at each stage, and the growth per bed and per admitted patient (all platform processes).</summary>
public sealed record MemoryResult
{
    public required Dictionary<string, long> BaselineBytes { get; init; }
    public Dictionary<string, long> AfterSeedingBytes { get; set; } = [];
    public Dictionary<string, long> AfterAdmittingBytes { get; set; } = [];
    public Dictionary<string, long> AfterLoadBytes { get; set; } = [];
    public double? BytesPerBed { get; set; }
    public double? BytesPerPatient { get; set; }
}

public sealed record MixedLoadResult
{
    public required int TargetRate { get; init; }
    public required double Seconds { get; init; }
    /// <summary>Acknowledged HTTP writes per second (each one committed before the api answered).</summary>
    public required double DurableUpdatesPerSecond { get; init; }
    public required IReadOnlyDictionary<string, long> Acknowledged { get; init; }
    public required IReadOnlyDictionary<string, long> Failed { get; init; }
    public required Latency HttpWrites { get; init; }
    public required IReadOnlyDictionary<string, Latency> UpdateToPushByKind { get; init; }
    public required IReadOnlyDictionary<string, Latency> HttpWritesByKind { get; init; }
    public required double BedChangesPerSecond { get; init; }
    public required int Listeners { get; init; }
    public required double ListenerConnectSeconds { get; init; }
    public required long ListenersClosed { get; init; }
    public required long PushesExpected { get; init; }
    public required long PushesReceived { get; init; }
    public required long PushesUnmatched { get; init; }
    public required long OtherPushesReceived { get; init; }
    public required long VersionSurprises { get; init; }
    public required Latency UpdateToPush { get; init; }
    public required Throughput CensusDuringLoad { get; init; }
    public required CpuUse Cpu { get; init; }
    public double? PostgresCommitsPerUpdate { get; init; }
    public double? PostgresRowWritesPerUpdate { get; init; }
}

public sealed record TargetResult(string Target, string Measured, bool? Met);
