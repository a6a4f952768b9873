using System.Diagnostics;
using System.Text;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>
/// A real api process serving the built dashboard, on an address and data directory that stay the same across
/// <see cref="RestartAsync"/>: a browser left open must find its way back to the new process by itself.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
        ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
        ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
        ["Hospital:Orleans:ClusterId"] = "dash-" + Guid.NewGuid().ToString("N")[..8],
    };

    private readonly StringBuilder _output = new();
    private Process? _process;

    public string BaseUrl { get; } = $"http://127.0.0.1:{PostgresServer.FreePort()}";

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

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // Not the repository: the api must find the dashboard in its own output (wwwroot/).
            WorkingDirectory = Path.GetDirectoryName(TestPaths.ApiAssembly)!,
        };
        info.ArgumentList.Add(TestPaths.ApiAssembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        foreach (var (key, value) in _settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process, TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL, then a new process on the same address and data.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task WaitUntilReadyAsync(Process process, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The api exited with {process.ExitCode}:\n{Output}");
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

        throw new TimeoutException($"The api was not ready after {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
