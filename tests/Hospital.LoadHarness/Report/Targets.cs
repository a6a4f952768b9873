using System.Globalization;

namespace Hospital.LoadHarness.Report;

/// <summary>The targets, judged from one run's figures; a target the run did not measure is left out.</summary>
public static class Targets
{
    public static void Judge(LoadResults r)
    {
        if (r.Load is { } load && r.PgbenchUpserts is { UpsertsPerSecond: > 0 } pg)
        {
            var ratio = load.DurableUpdatesPerSecond / pg.UpsertsPerSecond;
            // At the offered rate the platform was not saturated: the ratio is then a lower bound of its capacity.
            var bound = load.DurableUpdatesPerSecond >= 0.95 * load.TargetRate ? " (reached the offered rate: a lower bound)" : " (saturated)";
            r.Targets.Add(new("durable updates >= 0.70 x pgbench upserts", $"{F(load.DurableUpdatesPerSecond)} / {F(pg.UpsertsPerSecond)} = {ratio:F3}{bound}", ratio >= 0.70));
        }

        if (r.CensusSaturation is { } census && r.BareEndpoint is { PerSecond: > 0 } bare)
        {
            var ratio = census.PerSecond / bare.PerSecond;
            r.Targets.Add(new("census reads >= 0.50 x bare endpoint", $"{F(census.PerSecond)} / {F(bare.PerSecond)} = {ratio:F2}", ratio >= 0.50));
        }

        if (r.Load?.UpdateToPush.P99Ms is { } push)
        {
            if (r.RawSignalR?.PushLatency.P99Ms is { } raw)
            {
                var ratio = push / raw;
                r.Targets.Add(new("update-to-push p99 <= 2 x raw SignalR p99", $"{push:F1} ms / {raw:F1} ms = {ratio:F2}", ratio <= 2));
            }

            var listeners = r.Load.Listeners;
            r.Targets.Add(new($"update-to-push p99 < 100 ms with 1,000 listeners", $"{push:F1} ms with {listeners:N0} listeners",
                listeners >= 1000 ? push < 100 : null));
        }

        if (r.Seeding is { Beds: >= 10_000 } seeding)
        {
            r.Targets.Add(new("10,000 beds / 200 wards seeded < 30 s", $"{seeding.Beds:N0} beds / {seeding.Wards} wards in {seeding.Seconds:F1} s ({seeding.Method})", seeding.Seconds < 30));
        }
    }

    private static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
