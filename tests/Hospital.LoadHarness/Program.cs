using System.Text.Json;
using System.Text.Json.Serialization;
using Hospital.LoadHarness;
using Hospital.LoadHarness.Ceilings;
using Hospital.LoadHarness.Infrastructure;
using Hospital.LoadHarness.Report;

if (args.Contains("serve-ceiling"))
{
    return await CeilingServer.RunAsync([.. args.Where(a => a != "serve-ceiling")]);
}

HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var build = await ReleaseBuild.PrepareAsync(options.Repository, !options.NoBuild);
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
var output = Path.Combine(build.Repository, options.Output);
var logs = Directory.CreateDirectory(Path.Combine(output, $"logs-{stamp}")).FullName;
var results = await new Scenario(options, build, logs).RunAsync();

var json = JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    WriteIndented = true,
    Converters = { new JsonStringEnumConverter() },
});
var file = Path.Combine(output, $"results-{stamp}.json");
await File.WriteAllTextAsync(file, json);
Console.WriteLine();
Console.WriteLine(ResultsTable.Render(results));
Console.WriteLine(json);
Console.WriteLine($"Written to {file}; process logs in {logs}");
return 0;
