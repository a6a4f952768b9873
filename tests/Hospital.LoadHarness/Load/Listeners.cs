using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.LoadHarness.Load;

/// <summary>The fields of a BedChanged push the ledger needs.</summary>
public sealed record BedPush([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("version")] long Version);

/// <summary>
/// K SignalR clients over WebSockets: listener i subscribes to <c>wardsPerListener</c> wards spread evenly, and every
/// 100th also to the hospital. Used against the api's /hubs/operations and the ceiling server's raw hub alike.
/// </summary>
public sealed class Listeners : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private long _otherPushes;
    private long _closed;

    private Listeners(IReadOnlyDictionary<string, int> subscribersByWard) => SubscribersByWard = subscribersByWard;

    public IReadOnlyDictionary<string, int> SubscribersByWard { get; }
    public PushLedger Ledger { get; private set; } = null!;
    /// <summary>CensusChanged, AdtEvent and alert pushes: received, not timed.</summary>
    public long OtherPushes => Interlocked.Read(ref _otherPushes);
    public long Closed => Interlocked.Read(ref _closed);
    public TimeSpan ConnectTime { get; private set; }

    public static async Task<Listeners> ConnectAsync(string hubUrl, string? accessToken, int count, IReadOnlyList<string> wards, int wardsPerListener)
    {
        var plan = Enumerable.Range(0, count)
            .Select(i => (Index: i, Wards: Enumerable.Range(0, Math.Min(wardsPerListener, wards.Count)).Select(j => wards[(i * wardsPerListener + j) % wards.Count]).Distinct().ToList()))
            .ToList();
        var subscribers = plan.SelectMany(p => p.Wards).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var listeners = new Listeners(subscribers);
        listeners.Ledger = new PushLedger(subscribers);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var connections = new HubConnection[count];
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, ct) =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(hubUrl, o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    if (accessToken is not null)
                    {
                        o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                    }
                })
                .Build();
            connection.ServerTimeout = TimeSpan.FromMinutes(2);
            connection.On<BedPush>("BedChanged", push => listeners.Ledger.Received(push.Id, push.Version));
            foreach (var other in new[] { "CensusChanged", "AdtEvent", "AlertRaised", "AlertChanged" })
            {
                connection.On<JsonElement>(other, _ => Interlocked.Increment(ref listeners._otherPushes));
            }

            connection.Closed += _ =>
            {
                Interlocked.Increment(ref listeners._closed);
                return Task.CompletedTask;
            };
            await connection.StartAsync(ct);
            foreach (var ward in p.Wards)
            {
                await connection.InvokeAsync("SubscribeWard", ward, ct);
            }

            if (p.Index % 100 == 0)
            {
                await connection.InvokeAsync("SubscribeHospital", ct);
            }

            connections[p.Index] = connection;
        });
        listeners._connections.AddRange(connections);
        listeners.ConnectTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return listeners;
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) => await c.DisposeAsync());
    }
}
