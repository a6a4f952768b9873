using System.Diagnostics;
using System.Text;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// A real api or silo process (the built assembly run with <c>dotnet</c>), for what only a separate process can show:
/// SIGKILL recovery, a silo plus an api in client mode, a browser that must find its way back after a restart.
/// The address and settings are fixed for the life of this object, so <see cref="RestartAsync"/> brings the same
/// server back where its clients left it.
/// </summary>
public sealed class HospitalProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly Dictionary<string, string> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private HospitalProcess(string assembly, IDictionary<string, string> settings, int port)
    {
        _assembly = assembly;
        _settings = new Dictionary<string, string>(settings);
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    /// <summary>Everything the process wrote, across restarts.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Whether the process is running (it has not exited since it was last started).</summary>
    public bool IsRunning => _process is { HasExited: false };

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts the api and waits until it is ready; on <paramref name="port"/> when given, else on a free one.</summary>
    public static Task<HospitalProcess> StartApiAsync(IDictionary<string, string> settings, int? port = null)
    {
        // Processes run side by side: none takes the default HL7 port unless a test asks for one.
        var api = new Dictionary<string, string>(settings);
        api.TryAdd("Hospital:Hl7:MllpPort", "0");
        return StartAsync(TestPaths.ApiAssembly, api, port);
    }

    public static Task<HospitalProcess> StartSiloAsync(IDictionary<string, string> settings, int? port = null) =>
        StartAsync(TestPaths.SiloAssembly, settings, port);

    private static async Task<HospitalProcess> StartAsync(string assembly, IDictionary<string, string> settings, int? port)
    {
        var process = new HospitalProcess(assembly, settings, port ?? PostgresServer.FreePort());
        await process.RunAsync();
        return process;
    }

    /// <summary>SIGKILL if still running, then the same assembly again on the same address with the same settings (and so the same data).</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await RunAsync();
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private async Task RunAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // Not the repository: the api must find the dashboard in its own output (wwwroot/).
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
        };
        info.ArgumentList.Add(_assembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        foreach (var (key, value) in _settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        _process?.Dispose();
        var process = _process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilReadyAsync(process, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await KillAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(Process process, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Process exited with {process.ExitCode}:\n{Output}");
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
                // Not listening or not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Not ready after {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
