using System.Runtime.InteropServices;

namespace Hospital.LoadHarness.Report;

public static class MachineDescription
{
    public static MachineInfo Read(string? postgres)
    {
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return new MachineInfo(Environment.ProcessorCount, Math.Round(long.Parse(memKb) / 1048576.0, 1),
            os ?? RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription.Replace(".NET ", ""), postgres);
    }
}
