using Hospital.LoadHarness.Infrastructure;

namespace Hospital.LoadHarness.Measuring;

/// <summary>CPU used by named processes and by the whole machine between construction and <see cref="Stop"/>.</summary>
public sealed class CpuMeter
{
    private readonly Dictionary<string, int> _pids;
    private readonly Dictionary<string, double> _start;
    private readonly (double Busy, double Idle) _machine = ProcessMemory.MachineCpuSeconds();

    public CpuMeter(Dictionary<string, int> pids)
    {
        _pids = pids;
        _start = pids.ToDictionary(p => p.Key, p => ProcessMemory.CpuSeconds(p.Value));
    }

    /// <returns>Cores used by each process and the machine's busy share (0-1) over the interval.</returns>
    public CpuUse Stop(TimeSpan elapsed)
    {
        var (busy, idle) = ProcessMemory.MachineCpuSeconds();
        var seconds = elapsed.TotalSeconds;
        var cores = _pids.ToDictionary(p => p.Key, p => Math.Round((ProcessMemory.CpuSeconds(p.Value) - _start[p.Key]) / seconds, 2));
        var busyDelta = busy - _machine.Busy;
        return new CpuUse(cores, Math.Round(busyDelta / (busyDelta + idle - _machine.Idle), 3));
    }
}

/// <summary>Cores used per process (1.0 = one core fully busy) and the machine's busy share.</summary>
public sealed record CpuUse(Dictionary<string, double> CoresByProcess, double MachineBusy);
