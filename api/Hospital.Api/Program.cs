using Hospital.Api;
using Hospital.Hosting;

if (await HospitalCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHospitalApi();

var app = builder.Build();
app.MapHospitalApi();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the api with WebApplicationFactory.</summary>
public partial class Program;
