using Hospital.Hosting.Configuration;
using Hospital.Hosting.Storage;
using Hospital.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospital.Hosting;

/// <summary>Commands a host runs instead of serving, e.g. <c>dotnet run --project api/Hospital.Api -- migrate</c>.</summary>
public static class HospitalCommands
{
    /// <returns>The exit code, or null when <paramref name="args"/> name no command.</returns>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not ["migrate", ..])
        {
            return null;
        }

        var builder = Host.CreateApplicationBuilder(args[1..]);
        var options = HospitalOptionsValidator.Load(builder.Configuration);
        builder.Services.AddHospitalStorage(options);
        using var host = builder.Build();
        var applied = await host.Services.GetRequiredService<IHospitalStore>().MigrateAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hospital.Migrate");
        logger.LogInformation("{Storage} schema is current; {Count} script(s) applied now: {Scripts}",
            options.Storage, applied.Count, applied.Count == 0 ? "none" : string.Join(", ", applied));
        return 0;
    }
}
