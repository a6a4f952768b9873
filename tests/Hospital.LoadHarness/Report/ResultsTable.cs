using System.Globalization;
using System.Text;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Report;

/// <summary>The run as a Markdown table, ready for the README.</summary>
public static class ResultsTable
{
    public static string Render(LoadResults r)
    {
        var o = r.Options;
        var rows = new List<(string, string)>
        {
            ("machine", $"{r.Machine.Cores} cores, {r.Machine.MemoryGiB:F0} GiB, {r.Machine.Os}, .NET {r.Machine.Dotnet}, {r.Machine.Postgres}"),
            ("scenario", o.SeedOnly ? $"{o.Mode}, seed only, {o.Wards} wards x {o.BedsPerWard} beds, concurrency {o.Concurrency}"
                : $"{o.Mode}, {o.Wards} wards x {o.BedsPerWard} beds, rate {o.Rate}/s for {o.DurationSeconds} s, {o.Listeners} listeners x {o.WardsPerListener} ward(s), concurrency {o.Concurrency}"),
            ("seeding", $"{r.Seeding.Beds:N0} beds / {r.Seeding.Wards} wards via {r.Seeding.Method}: {r.Seeding.Seconds:F1} s ({r.Seeding.BedsPerSecond:N0} beds/s){Lat(" HTTP", r.Seeding.HttpLatency)}"),
        };
        if (r.Admissions is { } a)
        {
            rows.Add(("admitting before load", $"{a.Admitted:N0} patients registered + admitted in {a.Seconds:F1} s ({a.PerSecond:N0}/s)"));
        }

        var stages = new[] { (r.Memory.AfterSeedingBytes, "seeded"), (r.Memory.AfterAdmittingBytes, "admitted"), (r.Memory.AfterLoadBytes, "after load") };
        rows.Add(("memory (RSS)", string.Join("; ", r.Memory.BaselineBytes.Keys.Select(p => $"{p}: {Mb(r.Memory.BaselineBytes[p])} at start" +
            string.Concat(stages.Where(s => s.Item1.Count > 0).Select(s => $" -> {Mb(s.Item1[p])} {s.Item2}"))))));
        rows.Add(("memory per active bed / per active patient", $"{Kb(r.Memory.BytesPerBed)} / {Kb(r.Memory.BytesPerPatient)}"));
        if (r.Load is { } l)
        {
            rows.Add(("durable updates/s (acknowledged writes)", $"{l.DurableUpdatesPerSecond:N0}/s of {l.TargetRate}/s target ({string.Join(", ", l.Acknowledged.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}; failed {l.Failed.Values.Sum()})"));
            rows.Add(("HTTP writes p50 / p99", $"{Ms(l.HttpWrites.P50Ms)} / {Ms(l.HttpWrites.P99Ms)}"));
            rows.Add(("HTTP writes by kind, p50 / p99", string.Join("; ", l.HttpWritesByKind.Select(k => $"{k.Key} {Ms(k.Value.P50Ms)} / {Ms(k.Value.P99Ms)}"))));
            rows.Add(("update-to-push p50 / p99", $"{Ms(l.UpdateToPush.P50Ms)} / {Ms(l.UpdateToPush.P99Ms)} (p99.9 {Ms(l.UpdateToPush.P999Ms)})"));
            rows.Add(("update-to-push by kind, p50 / p99", string.Join("; ", l.UpdateToPushByKind.Select(k => $"{k.Key} {Ms(k.Value.P50Ms)} / {Ms(k.Value.P99Ms)}"))));
            rows.Add(("pushes received / expected", $"{l.PushesReceived:N0} / {l.PushesExpected:N0} BedChanged ({Pct(l.PushesReceived, l.PushesExpected)}), {l.PushesUnmatched} unmatched, {l.OtherPushesReceived:N0} other events; {l.ListenersClosed} listeners dropped"));
            rows.Add(("census reads/s during load", $"{l.CensusDuringLoad.PerSecond:N0}/s with {o.CensusReaders} reader(s) {(o.CensusRate > 0 ? $"paced to {o.CensusRate}/s" : "unpaced")}, p50 {Ms(l.CensusDuringLoad.Latency.P50Ms)} / p99 {Ms(l.CensusDuringLoad.Latency.P99Ms)}"));
            rows.Add(("CPU during load (cores)", string.Join(", ", l.Cpu.CoresByProcess.Select(c => $"{c.Key} {c.Value:F2}")) + $"; machine {l.Cpu.MachineBusy:P0} busy"));
            if (l.PostgresCommitsPerUpdate is { } commits)
            {
                rows.Add(("PostgreSQL per acknowledged update", $"{commits:F1} commits, {l.PostgresRowWritesPerUpdate:F1} rows inserted/updated"));
            }
        }

        Add(rows, "census reads/s, saturated", r.CensusSaturation);
        Add(rows, "api GET /health/live, saturated", r.ApiHealthLive);
        if (r.PgbenchUpserts is { } pg)
        {
            rows.Add(("ceiling: PostgreSQL upserts/s", $"{pg.UpsertsPerSecond:N0}/s, avg {Ms(pg.AverageLatencyMs)} ({pg.Command})"));
        }

        Add(rows, "ceiling: bare Kestrel endpoint", r.BareEndpoint);
        if (r.RawSignalR is { } raw)
        {
            rows.Add(("ceiling: raw SignalR p50 / p99", $"{Ms(raw.PushLatency.P50Ms)} / {Ms(raw.PushLatency.P99Ms)} at {raw.ChangesPerSecond:N0} changes/s (+{raw.ExtraMessagesPerChange} msgs each), received {raw.PushesReceived:N0} / {raw.PushesExpected:N0}"));
        }

        foreach (var t in r.Targets)
        {
            rows.Add(($"target: {t.Target}", $"{t.Measured} -> {(t.Met switch { true => "MET", false => "MISSED", null => "not judged" })}"));
        }

        var table = new StringBuilder("| What | Figure |\n| --- | --- |\n");
        foreach (var (what, figure) in rows)
        {
            table.Append("| ").Append(what).Append(" | ").Append(figure.Replace("|", "/")).Append(" |\n");
        }

        return table.ToString();
    }

    private static void Add(List<(string, string)> rows, string what, Load.Throughput? t)
    {
        if (t is not null)
        {
            rows.Add((what, $"{t.PerSecond:N0}/s, p50 {Ms(t.Latency.P50Ms)} / p99 {Ms(t.Latency.P99Ms)}, {t.Errors} errors{(t.FirstError is null ? "" : $" (first: {t.FirstError[..Math.Min(60, t.FirstError.Length)]})")}"));
        }
    }

    private static string Lat(string prefix, Latency? l) => l is null ? "" : $",{prefix} p50 {Ms(l.P50Ms)} / p99 {Ms(l.P99Ms)}";
    private static string Ms(double? ms) => ms is null ? "-" : ms.Value.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";
    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MiB";
    private static string Kb(double? bytes) => bytes is null ? "-" : $"{bytes / 1024:F1} KiB";
    private static string Pct(long a, long b) => b == 0 ? "-" : $"{100.0 * a / b:F1}%";
}
