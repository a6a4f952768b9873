using System.Diagnostics;

namespace Hospital.LoadHarness.Infrastructure;

/// <summary>
/// A silo or api process run as production runs it (<c>dotnet Hospital.Silo.dll --key=value...</c>), its output kept in
/// a log file next to the results; ready when <c>/health/ready</c> answers 200.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private PlatformProcess(string name, Process process, StreamWriter log, string baseUrl)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public string Name { get; }
    public string BaseUrl { get; }
    public int Id => _process.Id;

    public static async Task<PlatformProcess> StartAsync(string name, string assembly, IReadOnlyList<string> arguments, string logFile)
    {
        var baseUrl = $"http://127.0.0.1:{ThrowawayPostgres.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments.Prepend($"--urls={baseUrl}"))
        {
            info.ArgumentList.Add(argument);
        }

        // Production logging: warnings and errors only, so the log file costs no CPU under load.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new PlatformProcess(name, process, log, baseUrl);
        await started.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), logFile);
        return started;
    }

    /// <summary>Resident set size from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public long ResidentBytes() => ProcessMemory.ResidentBytes(_process.Id);

    private async Task WaitUntilReadyAsync(TimeSpan timeout, string logFile)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; see {logFile}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} not ready after {timeout}; see {logFile}");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
