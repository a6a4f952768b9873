using Hospital.Hosting;
using Hospital.Hosting.Health;

if (await HospitalCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

// A silo of the cluster; it serves only health probes over HTTP (default http://localhost:5081).
var builder = WebApplication.CreateBuilder(args);
builder.ListenByDefaultOn("http://localhost:5081");
builder.AddHospitalPlatform("hospital-silo", mayBeClient: false);
var app = builder.Build();
app.MapHospitalHealth();
await app.RunAsync();
return 0;
