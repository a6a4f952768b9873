namespace Hospital.FunctionalTests.Infrastructure;

public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Debug or Release, whichever this test assembly was built as; the hosts are built alongside it.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string ApiAssembly => Path.Combine(RepositoryRoot, "api", "Hospital.Api", "bin", Configuration, "net10.0", "Hospital.Api.dll");

    public static string SiloAssembly => Path.Combine(RepositoryRoot, "silo", "Hospital.Silo", "bin", Configuration, "net10.0", "Hospital.Silo.dll");

    public static string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hospital-test-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>
    /// Screenshots always land in artifacts/screenshots; with HOSPITAL_UPDATE_DOCS=1 they also replace the README's
    /// pictures under docs/ (so an ordinary test run leaves the work tree clean).
    /// </summary>
    public static void PublishToDocs(string screenshot, string name)
    {
        if (Environment.GetEnvironmentVariable("HOSPITAL_UPDATE_DOCS") == "1")
        {
            File.Copy(screenshot, Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryRoot, "docs")).FullName, name), overwrite: true);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansHospital.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrleansHospital.sln not found above " + AppContext.BaseDirectory);
    }
}
