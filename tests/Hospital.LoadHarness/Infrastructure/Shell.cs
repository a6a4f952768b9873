using System.Diagnostics;

namespace Hospital.LoadHarness.Infrastructure;

/// <summary>Runs a program to completion and returns what it printed; a non-zero exit is an exception with the output.</summary>
public static class Shell
{
    public static async Task<string> RunAsync(string file, string arguments, string? workingDirectory = null)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}):\n{await output}{await error}");
        }

        return await output + await error;
    }
}
