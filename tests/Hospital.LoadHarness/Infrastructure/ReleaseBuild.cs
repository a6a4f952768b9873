namespace Hospital.LoadHarness.Infrastructure;

/// <summary>The platform's Release assemblies: built with <c>dotnet build -c Release</c> first unless --no-build.</summary>
public sealed record ReleaseBuild(string Repository, string ApiAssembly, string SiloAssembly)
{
    public static async Task<ReleaseBuild> PrepareAsync(string? repository, bool build)
    {
        var root = repository ?? FindRepository();
        var found = new ReleaseBuild(root,
            Path.Combine(root, "api/Hospital.Api/bin/Release/net10.0/Hospital.Api.dll"),
            Path.Combine(root, "silo/Hospital.Silo/bin/Release/net10.0/Hospital.Silo.dll"));
        if (build)
        {
            foreach (var project in new[] { "silo/Hospital.Silo/Hospital.Silo.csproj", "api/Hospital.Api/Hospital.Api.csproj" })
            {
                Console.WriteLine($"dotnet build -c Release {project}");
                await Shell.RunAsync("dotnet", $"build -c Release --nologo -v q {project}", root);
            }
        }

        foreach (var assembly in new[] { found.ApiAssembly, found.SiloAssembly })
        {
            if (!File.Exists(assembly))
            {
                throw new FileNotFoundException($"{assembly} is missing; run without --no-build.");
            }
        }

        return found;
    }

    /// <summary>The folder holding OrleansHospital.sln, above the working directory or above this program.</summary>
    private static string FindRepository()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OrleansHospital.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("OrleansHospital.sln not found above the working directory; pass --repo.");
    }
}
