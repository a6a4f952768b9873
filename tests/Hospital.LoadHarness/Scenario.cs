using System.Diagnostics;
using Hospital.LoadHarness.Ceilings;
using Hospital.LoadHarness.Infrastructure;
using Hospital.LoadHarness.Load;
using Hospital.LoadHarness.Measuring;
using Hospital.LoadHarness.Platform;
using Hospital.LoadHarness.Report;

namespace Hospital.LoadHarness;

/// <summary>
/// One run: PostgreSQL, the platform, seeding, admitting, the mixed load with listeners and census readers, the
/// saturated census; then, with the platform stopped, the ceilings on the same machine and PostgreSQL.
/// </summary>
public sealed class Scenario(HarnessOptions options, ReleaseBuild build, string logDirectory)
{
    private static void Step(string what) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");

    public async Task<LoadResults> RunAsync()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync(options.Postgres);
        var database = await postgres.CreateDatabaseAsync("hospital_load");
        Step($"PostgreSQL ready; starting the platform ({options.Mode})");
        var results = await RunPlatformAsync(database);
        if (!options.SeedOnly)
        {
            await RunCeilingsAsync(postgres, results);
        }

        Targets.Judge(results);
        return results;
    }

    private async Task<LoadResults> RunPlatformAsync(string database)
    {
        await using var platform = await Deployment.StartAsync(build, database, options.Mode, logDirectory);
        using var client = await HospitalClient.SignInAsync(platform.Api.BaseUrl, Deployment.AdminPassword);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var memory = new MemoryResult { BaselineBytes = platform.ResidentBytes() };
        Step($"Seeding {options.Wards} x {options.BedsPerWard} beds via {options.SeedWith}");
        var results = new LoadResults
        {
            StartedAt = DateTime.UtcNow.ToString("O"),
            Machine = MachineDescription.Read(await PostgresStats.VersionAsync(database)),
            Options = options,
            Seeding = await SeedAsync(platform, client),
            Memory = memory,
        };
        Step($"Seeded in {results.Seeding.Seconds:F1} s");
        var wardIds = await client.WardIdsAsync();
        var beds = await HospitalSeeding.ReadBedsAsync(client, wardIds);
        memory.AfterSeedingBytes = platform.ResidentBytes();
        memory.BytesPerBed = Growth(memory.BaselineBytes, memory.AfterSeedingBytes, beds.Count);
        if (options.SeedOnly)
        {
            return results;
        }

        var (admitted, admitting) = await HospitalSeeding.AdmitAsync(client, beds, options.Occupancy, options.Concurrency);
        results.Admissions = new AdmissionResult(admitted, Math.Round(admitting.TotalSeconds, 2), Math.Round(admitted / admitting.TotalSeconds, 1));
        memory.AfterAdmittingBytes = platform.ResidentBytes();
        memory.BytesPerPatient = Growth(memory.AfterSeedingBytes, memory.AfterAdmittingBytes, admitted);
        Step($"Admitted {admitted} patients in {admitting.TotalSeconds:F1} s; connecting {options.Listeners} listeners");
        beds = await HospitalSeeding.ReadBedsAsync(client, wardIds);

        await using (var listeners = await Listeners.ConnectAsync(platform.Api.BaseUrl + "/hubs/operations", client.AccessToken, options.Listeners, wardIds, options.WardsPerListener))
        {
            Step($"Listeners connected in {listeners.ConnectTime.TotalSeconds:F1} s; mixed load at {options.Rate}/s for {options.DurationSeconds} s");
            results.Load = await MixedLoadAsync(platform, client, listeners, beds, database);
        }

        memory.AfterLoadBytes = platform.ResidentBytes();
        Step($"Census saturated for {options.CeilingSeconds} s at concurrency {options.Concurrency}");
        var seconds = TimeSpan.FromSeconds(options.CeilingSeconds);
        results.CensusSaturation = await ClosedLoop.RunAsync(options.Concurrency, seconds, timing => client.CensusAsync(timing));
        results.ApiHealthLive = await ClosedLoop.RunAsync(options.Concurrency, seconds, timing => client.LiveAsync(timing));
        return results;
    }

    private async Task<SeedingResult> SeedAsync(Deployment platform, HospitalClient client)
    {
        var beds = options.Wards * options.BedsPerWard;
        if (options.SeedWith == SeedMethod.Command)
        {
            var (wall, output) = await platform.SeedWithCommandAsync(options.Wards, options.BedsPerWard);
            var reported = output.Split('\n').LastOrDefault(l => l.StartsWith("Seeded ", StringComparison.Ordinal))?.Trim();
            return new SeedingResult("command", options.Wards, beds, Math.Round(wall.TotalSeconds, 2), Math.Round(beds / wall.TotalSeconds), null, reported);
        }

        var (elapsed, timing) = await HospitalSeeding.SeedThroughApiAsync(client, options.Wards, options.BedsPerWard, options.Concurrency);
        return new SeedingResult("api", options.Wards, beds, Math.Round(elapsed.TotalSeconds, 2), Math.Round(beds / elapsed.TotalSeconds), timing.Summary(), null);
    }

    private async Task<MixedLoadResult> MixedLoadAsync(Deployment platform, HospitalClient client, Listeners listeners, IReadOnlyList<BedSnapshot> beds, string database)
    {
        var workload = new Workload(client, listeners.Ledger, options.Occupancy);
        var workers = HospitalSeeding.Deal(beds, options.Concurrency);
        var pids = platform.Processes.ToDictionary(p => p.Name, p => p.Id);
        pids["harness"] = Environment.ProcessId;
        var before = await PostgresStats.ReadAsync(database);
        var cpu = new CpuMeter(pids);
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        var started = Stopwatch.GetTimestamp();
        using var stopReaders = new CancellationTokenSource();
        var census = options.CensusReaders > 0
            ? ClosedLoop.RunAsync(options.CensusReaders, duration, timing => client.CensusAsync(timing), stopReaders.Token,
                options.CensusRate > 0 ? new Pacer(options.CensusRate, duration) : null)
            : Task.FromResult(new Throughput(0, 0, new Latency(0, null, null, null)));
        await workload.RunAsync(workers, new Pacer(options.Rate, duration));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stopReaders.CancelAsync();
        var cpuUse = cpu.Stop(elapsed);
        // Pushes of the last changes are still on their way.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await PostgresStats.ReadAsync(database);
        var acknowledged = workload.Acknowledged;
        var bedChanges = workload.Done.Sum(d => d.Key switch { "register" => 0, "transfer" => 2 * d.Value, _ => d.Value });
        var ledger = listeners.Ledger;
        return new MixedLoadResult
        {
            TargetRate = options.Rate,
            Seconds = Math.Round(elapsed.TotalSeconds, 2),
            DurableUpdatesPerSecond = Math.Round(acknowledged / elapsed.TotalSeconds, 1),
            Acknowledged = new SortedDictionary<string, long>(workload.Done.ToDictionary()),
            Failed = new SortedDictionary<string, long>(workload.Failed.ToDictionary()),
            HttpWrites = workload.Writes.Summary(),
            HttpWritesByKind = new SortedDictionary<string, Latency>(workload.WritesByKind.ToDictionary(k => k.Key, k => k.Value.Summary())),
            BedChangesPerSecond = Math.Round(bedChanges / elapsed.TotalSeconds, 1),
            Listeners = options.Listeners,
            ListenerConnectSeconds = Math.Round(listeners.ConnectTime.TotalSeconds, 2),
            ListenersClosed = listeners.Closed,
            PushesExpected = ledger.Expected,
            PushesReceived = ledger.Matched,
            PushesUnmatched = ledger.Unmatched,
            OtherPushesReceived = listeners.OtherPushes,
            VersionSurprises = workload.VersionSurprises,
            UpdateToPush = ledger.Latency.Summary(),
            UpdateToPushByKind = new SortedDictionary<string, Latency>(ledger.LatencyByKind.ToDictionary(k => k.Key, k => k.Value.Summary())),
            CensusDuringLoad = await census,
            Cpu = cpuUse,
            PostgresCommitsPerUpdate = acknowledged == 0 ? null : Math.Round((after.Commits - before.Commits) / (double)acknowledged, 2),
            PostgresRowWritesPerUpdate = acknowledged == 0 ? null : Math.Round((after.RowWrites - before.RowWrites) / (double)acknowledged, 2),
        };
    }

    private async Task RunCeilingsAsync(ThrowawayPostgres postgres, LoadResults results)
    {
        Step($"Ceiling: pgbench upserts, {options.Concurrency} clients, {options.CeilingSeconds} s");
        results.PgbenchUpserts = await Pgbench.RunAsync(postgres, options.Concurrency, options.Wards * options.BedsPerWard, options.CeilingSeconds, logDirectory);
        var harness = Path.Combine(AppContext.BaseDirectory, "Hospital.LoadHarness.dll");
        await using var ceiling = await PlatformProcess.StartAsync("ceiling", harness, ["serve-ceiling"], Path.Combine(logDirectory, "ceiling.log"));
        Step("Ceiling: bare Kestrel endpoint");
        using var http = HospitalClient.CreateHttp(ceiling.BaseUrl);
        results.BareEndpoint = await ClosedLoop.RunAsync(options.Concurrency, TimeSpan.FromSeconds(options.CeilingSeconds), timing => GetAsync(http, "/bare", timing));
        if (results.Load is { } load && options.Listeners > 0)
        {
            var extra = load.PushesReceived == 0 ? 0 : (int)Math.Round(load.OtherPushesReceived / (double)load.PushesReceived);
            var wards = Enumerable.Range(1, options.Wards).Select(w => $"L{w:D3}").ToList();
            Step($"Ceiling: raw SignalR broadcast at {load.BedChangesPerSecond:F0} changes/s to {options.Listeners} listeners");
            results.RawSignalR = await RawBroadcast.RunAsync(ceiling.BaseUrl, options, wards, (int)Math.Round(load.BedChangesPerSecond), extra);
        }
    }

    private static async Task GetAsync(HttpClient http, string path, LatencyHistogram timing)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsStringAsync();
        timing.RecordSince(started);
        response.EnsureSuccessStatusCode();
    }

    private static double? Growth(Dictionary<string, long> before, Dictionary<string, long> after, int count) =>
        count == 0 ? null : Math.Round((after.Values.Sum() - before.Values.Sum()) / (double)count);
}
