using System.Globalization;
using System.Text;

namespace Hospital.WorkflowBench;

/// <summary>The results as a Markdown table (also pasted into README.md).</summary>
public static class Report
{
    private const string Header = """
        | Variant | Scenario | Callers | Completed/s | p50 ms | p99 ms | Done | Aborted | In doubt | Failed | Drain ms | Grain-state writes/op |
        | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        """;

    public static string Row(Cell c) => string.Create(CultureInfo.InvariantCulture,
        $"| {c.Variant} | {c.Scenario} | {c.Callers} | {c.PerSecond:N0} | {c.P50:0.0} | {c.P99:0.0} | {c.Done:N0} | {c.Aborted:N0} ({Percent(c.Aborted, c)}) | {c.InDoubt} | {c.Failed} | {c.DrainMs:N0} | {c.WritesPerOp:0.00} |")
        + (c.FirstError is { } error ? $" first error: {error}" : "");

    public static string Table(IEnumerable<Cell> cells)
    {
        var table = new StringBuilder(Header).AppendLine();
        foreach (var cell in cells)
        {
            table.AppendLine(Row(cell));
        }

        return table.ToString();
    }

    /// <summary>The machine's 1, 5 and 15 minute load averages (other agents share its two cores).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Percent(int part, Cell c) =>
        (part + c.Done + c.InDoubt + c.Failed) == 0 ? "0 %" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / (part + c.Done + c.InDoubt + c.Failed):0.#} %");
}
