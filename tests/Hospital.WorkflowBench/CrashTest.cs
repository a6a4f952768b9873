using System.Diagnostics;
using System.Reflection;
using Hospital.Hosting.Configuration;
using Hospital.WorkflowBench.Hosting;
using Orleans.Transactions;

namespace Hospital.WorkflowBench;

/// <summary>
/// Kill -9 in the middle of transfers: a child process stocks the bins and transfers with 8 callers; it is killed
/// 2 s in; a new silo on the same store must find every unit, once the variant's own recovery has run (the
/// transaction log kept in the participants' state, or the outbox sweeper).
/// </summary>
public static class CrashTest
{
    private const int Callers = 8;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        foreach (var variant in settings.Variants)
        {
            var options = await settings.NewStoreAsync();
            var store = options.Storage == StorageKind.Sqlite ? options.DataDirectory : options.ConnectionString!;
            var acknowledged = await RunChildUntilKilledAsync(settings, variant, store);

            var restarted = Stopwatch.StartNew();
            var silo = await BenchSilo.StartAsync(options, settings.Format);
            var load = new Load(BenchSettings.Variant(variant, silo), silo, settings.Pairs);
            var settled = await load.SettleAsync(TimeSpan.FromSeconds(20));
            var sum = await load.SumAsync();
            Console.WriteLine($"{variant}: killed after {acknowledged:N0} acknowledged transfers; after restart the bins hold {sum:N0} of {load.Expected:N0} " +
                $"({(sum == load.Expected ? "conserved" : "NOT conserved")}), {restarted.Elapsed.TotalSeconds:0.0} s after the restart began ({settled.TotalSeconds:0.0} s of it waiting for recovery)"
                + (load.LastSettleError is { } error ? $"; last error while waiting: {error}" : ""));
            await silo.DisposeAsync();
            BenchSettings.Delete(options);
        }

        return 0;
    }

    private static async Task<long> RunChildUntilKilledAsync(BenchSettings settings, string variant, string store)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in new[] { "--child", variant, "--store", store, "--storage", settings.Storage.ToString(), "--format", settings.Format.ToString(), "--pairs", settings.Pairs.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        long acknowledged = 0;
        Task? kill = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ready")
            {
                kill = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ => child.Kill(entireProcessTree: true));
            }
            else if (long.TryParse(line, out var count))
            {
                acknowledged = count;
            }
        }

        await child.WaitForExitAsync();
        if (kill is null)
        {
            throw new InvalidOperationException($"The {variant} child exited ({child.ExitCode}) before it was ready.");
        }

        return acknowledged;
    }

    /// <summary>The child: stocks the bins, says "ready", then transfers until killed, printing how many were acknowledged.</summary>
    public static async Task<int> ChildAsync(BenchSettings settings, string variant, string store)
    {
        var silo = await BenchSilo.StartAsync(Options(settings, store), settings.Format);
        var stock = BenchSettings.Variant(variant, silo);
        await new Load(stock, silo, settings.Pairs).StockAsync();
        Console.WriteLine("ready");
        long acknowledged = 0;
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var random = new Random();
            while (true)
            {
                var pair = random.Next(settings.Pairs) * 2;
                var flip = random.Next(2);
                try
                {
                    await stock.Transfer(pair + flip, pair + 1 - flip, random.Next(1, 4));
                    Console.WriteLine(Interlocked.Increment(ref acknowledged));
                }
                catch (OrleansTransactionAbortedException)
                {
                    // Nothing changed; try another.
                }
            }
        }));
        await Task.WhenAll(callers);
        return 0;
    }

    private static HospitalOptions Options(BenchSettings settings, string store) => settings.Storage == StorageKind.Sqlite
        ? new HospitalOptions { Storage = settings.Storage, DataDirectory = store }
        : new HospitalOptions { Storage = settings.Storage, ConnectionString = store };
}
