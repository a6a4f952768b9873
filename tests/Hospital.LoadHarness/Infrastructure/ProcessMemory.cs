namespace Hospital.LoadHarness.Infrastructure;

/// <summary>What /proc tells about a process and the machine (Linux).</summary>
public static class ProcessMemory
{
    private const double ClockTicksPerSecond = 100;

    /// <summary>VmRSS of a process in bytes, 0 when it cannot be read.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>User plus system CPU seconds a process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds all cores spent busy and idle since boot, from /proc/stat.</summary>
    public static (double Busy, double Idle) MachineCpuSeconds()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = values[3] + values[4];
        return ((values.Sum() - idle) / ClockTicksPerSecond, idle / ClockTicksPerSecond);
    }
}
