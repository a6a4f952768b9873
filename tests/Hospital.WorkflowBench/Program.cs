using Hospital.Hosting.Configuration;
using Hospital.WorkflowBench;
using Hospital.WorkflowBench.Hosting;
using Microsoft.Extensions.Configuration;

// Compares Orleans transactions with the platform's outbox on the same grain storage (see README.md).
var crash = args.FirstOrDefault() == "crash";
var config = new ConfigurationBuilder().AddCommandLine(crash ? args[1..] : args).Build();
var settings = BenchSettings.From(config);
if (config["child"] is { } childVariant)
{
    return await CrashTest.ChildAsync(settings, childVariant, config["store"]!);
}

if (crash)
{
    return await CrashTest.RunAsync(settings);
}

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {settings.Storage} ({settings.Format} state), " +
    $"{settings.Pairs} pairs, {settings.Duration.TotalSeconds:0.#} s per cell; load average {Report.LoadAverage()}");
// One silo (and one store) per variant, all up at once: cells alternate between variants, so a neighbour's burst of
// load on the shared machine falls on both rather than on one.
var loads = new List<(string Variant, BenchSilo Silo, Load Load, HospitalOptions Store)>();
foreach (var variant in settings.Variants)
{
    var store = await settings.NewStoreAsync();
    var silo = await BenchSilo.StartAsync(store, settings.Format);
    var load = new Load(BenchSettings.Variant(variant, silo), silo, settings.Pairs);
    await load.StockAsync();
    loads.Add((variant, silo, load, store));
}

var cells = new List<Cell>();
foreach (var scenario in Enum.GetValues<Scenario>())
{
    foreach (var callers in settings.Callers)
    {
        foreach (var (_, _, load, _) in loads)
        {
            var cell = await load.RunAsync(scenario, callers, settings.Duration);
            cells.Add(cell);
            Console.WriteLine(Report.Row(cell));
        }
    }
}

Console.WriteLine();
Console.WriteLine(Report.Table(cells.GroupBy(c => c.Variant).SelectMany(variant => variant)));
foreach (var (variant, silo, load, store) in loads)
{
    await load.SettleAsync(TimeSpan.FromSeconds(30));
    var sum = await load.SumAsync();
    Console.WriteLine($"{variant}: sum of all bins {sum:N0}, expected {load.Expected:N0}: {(sum == load.Expected ? "conserved" : "NOT conserved")}");
    await silo.DisposeAsync();
    BenchSettings.Delete(store);
}

Console.WriteLine($"load average at the end {Report.LoadAverage()}");
return 0;
