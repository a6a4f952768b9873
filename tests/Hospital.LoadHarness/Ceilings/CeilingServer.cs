using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospital.LoadHarness.Ceilings;

/// <summary>
/// The ceilings' server, run by the harness as its own process (<c>Hospital.LoadHarness.dll serve-ceiling --urls ...</c>)
/// so that, like the api, it does not share a process with the load: Kestrel with <c>GET /bare</c>, and a SignalR hub
/// with no Orleans behind it, to which <c>POST /broadcast</c> sends one timestamped BedChanged-sized message.
/// </summary>
public static class CeilingServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapGet("/bare", () => "ok");
        app.MapGet("/health/ready", () => "ok");
        app.MapHub<RawHub>("/hubs/raw");
        app.MapPost("/broadcast", async (HttpRequest request, IHubContext<RawHub> hub) =>
        {
            var message = await request.ReadFromJsonAsync<BroadcastRequest>();
            if (message is null)
            {
                return Results.BadRequest();
            }

            var group = hub.Clients.Group(message.Group);
            await group.SendAsync("BedChanged", new RawBed(message.Id, message.Version, message.Group, "Cleaning", message.Padding));
            for (var i = 0; i < message.Extra; i++)
            {
                await group.SendAsync("CensusChanged", new { wardId = message.Group, padding = message.Padding });
            }

            return Results.Ok();
        });
        await app.RunAsync();
        return 0;
    }
}

/// <summary>The same subscribe methods as /hubs/operations, so one listener serves both.</summary>
public sealed class RawHub : Hub
{
    public Task SubscribeWard(string wardId) => Groups.AddToGroupAsync(Context.ConnectionId, wardId);

    public Task SubscribeHospital() => Groups.AddToGroupAsync(Context.ConnectionId, "hospital");
}

/// <param name="Extra">Untimed messages to send after it, so the raw hub carries as many messages as the api did.</param>
public sealed record BroadcastRequest(string Group, string Id, long Version, int Extra, string Padding);

public sealed record RawBed(string Id, long Version, string WardId, string Status, string Padding);
