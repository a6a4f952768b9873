using System.Globalization;

namespace Hospital.LoadHarness;

public enum PlatformMode
{
    /// <summary>One silo process and one api process in client mode, on PostgreSQL.</summary>
    Cluster,
    /// <summary>One api process co-hosting its silo, on PostgreSQL.</summary>
    AllInOne,
}

public enum SeedMethod
{
    /// <summary>POST /api/wards and POST /api/wards/{id}/beds.</summary>
    Api,
    /// <summary><c>dotnet Hospital.Api.dll seed</c> joining the cluster as a client.</summary>
    Command,
}

/// <summary>The command line: <c>--wards 20 --beds-per-ward 50 --rate 300 --duration 30 --listeners 1000</c>...</summary>
public sealed record HarnessOptions
{
    public int Wards { get; init; } = 20;
    public int BedsPerWard { get; init; } = 50;
    /// <summary>Target updates (HTTP writes) per second during the mixed load.</summary>
    public int Rate { get; init; } = 200;
    public int DurationSeconds { get; init; } = 30;
    public int Listeners { get; init; } = 1000;
    /// <summary>Wards each ward listener subscribes to; every 100th listener also subscribes to the hospital.</summary>
    public int WardsPerListener { get; init; } = 1;
    /// <summary>Concurrent HTTP writers; also pgbench's clients and the closed-loop clients of the read ceilings.</summary>
    public int Concurrency { get; init; } = 32;
    public int CensusReaders { get; init; } = 2;
    /// <summary>Census reads per second the readers send together during the load (dashboards polling); 0 = as fast as they can.</summary>
    public int CensusRate { get; init; } = 100;
    /// <summary>Share of beds occupied by admissions before the mixed load starts.</summary>
    public double Occupancy { get; init; } = 0.5;
    public int CeilingSeconds { get; init; } = 10;
    public PlatformMode Mode { get; init; } = PlatformMode.Cluster;
    public SeedMethod SeedWith { get; init; } = SeedMethod.Api;
    public bool SeedOnly { get; init; }
    public bool NoBuild { get; init; }
    public string? Postgres { get; init; }
    public string? Repository { get; init; }
    public string Output { get; init; } = "artifacts/load";

    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--wards" => options with { Wards = Int() },
                "--beds-per-ward" => options with { BedsPerWard = Int() },
                "--rate" => options with { Rate = Int() },
                "--duration" => options with { DurationSeconds = Int() },
                "--listeners" => options with { Listeners = Int() },
                "--wards-per-listener" => options with { WardsPerListener = Int() },
                "--concurrency" => options with { Concurrency = Int() },
                "--census-readers" => options with { CensusReaders = Int() },
                "--census-rate" => options with { CensusRate = Int() },
                "--occupancy" => options with { Occupancy = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--ceiling-seconds" => options with { CeilingSeconds = Int() },
                "--mode" => options with { Mode = Value() switch { "all-in-one" => PlatformMode.AllInOne, "cluster" => PlatformMode.Cluster, var v => throw new ArgumentException($"--mode {v}: cluster or all-in-one.") } },
                "--seed-with" => options with { SeedWith = Value() switch { "api" => SeedMethod.Api, "command" => SeedMethod.Command, var v => throw new ArgumentException($"--seed-with {v}: api or command.") } },
                "--seed-only" => options with { SeedOnly = true },
                "--no-build" => options with { NoBuild = true },
                "--postgres" => options with { Postgres = Value() },
                "--repo" => options with { Repository = Value() },
                "--output" => options with { Output = Value() },
                var unknown => throw new ArgumentException($"Unknown option {unknown}; see tests/Hospital.LoadHarness/README.md."),
            };
        }

        if (options.Wards < 1 || options.BedsPerWard < 1 || options.Rate < 1 || options.DurationSeconds < 1 || options.Concurrency < 1 || options.Listeners < 0)
        {
            throw new ArgumentException("--wards, --beds-per-ward, --rate, --duration and --concurrency must be positive; --listeners not negative.");
        }

        return options;
    }
}
