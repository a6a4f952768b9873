using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.FunctionalTests.Platform;

/// <summary>A real cluster on loopback (<see cref="LocalCluster"/>): two silo processes and api processes in client mode.</summary>
public sealed class ClusterFailoverTests
{
    private static Task<Dictionary<string, string>> ClusterAsync() => LocalCluster.SettingsAsync();

    private static Task<HospitalProcess> SiloAsync(Dictionary<string, string> cluster) => LocalCluster.SiloAsync(cluster);

    private static Task<HospitalProcess> ApiAsync(Dictionary<string, string> cluster) => LocalCluster.ApiAsync(cluster);

    /// <summary>Silo processes and two api processes in client mode, with an admin client on each api.</summary>
    private sealed record TwoApis(IReadOnlyList<HospitalProcess> Silos, HospitalProcess Api1, HospitalProcess Api2, HttpClient Admin1, HttpClient Admin2)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Admin1.Dispose();
            Admin2.Dispose();
            foreach (var process in new[] { Api2, Api1 }.Concat(Silos.Reverse()))
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task<TwoApis> TwoApisAsync(int silos)
    {
        var cluster = await ClusterAsync();
        var started = new List<HospitalProcess>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                started.Add(await SiloAsync(cluster));
            }

            started.Add(await ApiAsync(cluster));
            started.Add(await ApiAsync(cluster));
            return new TwoApis(started[..silos], started[^2], started[^1], await started[^2].AdminClientAsync(), await started[^1].AdminClientAsync());
        }
        catch
        {
            // A process that did not start: stop the ones that did.
            foreach (var process in Enumerable.Reverse(started))
            {
                await process.DisposeAsync();
            }

            throw;
        }
    }

    [Fact]
    public async Task ListenersOnDifferentApiProcessesAllHearEveryUpdateOfTheirWard()
    {
        await using var cluster = await TwoApisAsync(silos: 2);
        var (api1, api2, http1, http2) = (cluster.Api1, cluster.Api2, cluster.Admin1, cluster.Admin2);
        var (ward, beds) = await Requests.WardAsync(http1, beds: 2);
        var heard = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        var hubs = new List<HubConnection>();
        foreach (var (name, api) in new[] { ("api1", api1), ("api2", api2) })
        {
            var hub = await api.HubAsync();
            var log = heard.GetOrAdd(name, _ => new ConcurrentQueue<string>());
            hub.On<JsonElement>("BedChanged", b => log.Enqueue($"bed {b.GetProperty("id").GetString()} {b.GetProperty("status").GetString()}"));
            hub.On<JsonElement>("AdtEvent", a => log.Enqueue($"adt {a.GetProperty("kind").GetString()}"));
            await hub.StartAsync();
            await hub.InvokeAsync("SubscribeWard", ward);
            hubs.Add(hub);
        }

        var encounter = await Requests.AdmitAsync(http1, await Requests.RegisterAsync(http1), beds[0]);
        (await http2.PostAsJsonAsync($"/api/admissions/{encounter}/transfer", new { bedId = beds[1] })).EnsureSuccessStatusCode();
        (await http2.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = "Cleaning" })).EnsureSuccessStatusCode();

        string[] expected = ["adt Admitted", "adt Transferred", $"bed {beds[0]} Cleaning"];
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (heard.Values.Any(log => expected.Any(e => !log.Contains(e))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        foreach (var (name, log) in heard)
        {
            Assert.True(expected.All(log.Contains), $"{name} heard: {string.Join(", ", log)}");
        }

        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task EachApiProcessAnswersTheCensusWithItsOwnWritesAtOnceAndTheOtherProcessesWritesWithinASecond()
    {
        await using var cluster = await TwoApisAsync(silos: 1);
        var (http1, http2) = (cluster.Admin1, cluster.Admin2);
        var (ward, beds) = await Requests.WardAsync(http1, beds: 1);
        // The one bed's status as the census counts it.
        async Task<string> StatusOn(HttpClient http)
        {
            var counts = (await (await http.GetAsync("/api/census")).ReadJsonAsync()).GetProperty("wards").EnumerateArray()
                .Single(w => w.GetProperty("wardId").GetString() == ward);
            return new[] { "Available", "Blocked", "Dirty", "Cleaning" }.Single(s => counts.GetProperty(s.ToLowerInvariant()).GetInt32() == 1);
        }

        var statuses = new[] { "Blocked", "Dirty", "Cleaning", "Available", "Blocked", "Dirty", "Cleaning", "Available" };
        for (var i = 0; i < statuses.Length; i++)
        {
            // Both processes have the census in their cache; one changes the bed.
            await StatusOn(http1);
            await StatusOn(http2);
            var (writer, other) = i % 2 == 0 ? (http1, http2) : (http2, http1);
            (await writer.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = statuses[i], reason = "test" })).EnsureSuccessStatusCode();
            var expected = statuses[i];

            Assert.Equal(expected, await StatusOn(writer));
            var deadline = DateTime.UtcNow.AddSeconds(1.5);
            while (await StatusOn(other) != expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.Equal(expected, await StatusOn(other));
        }
    }

    [Fact]
    public async Task AnAccountDisabledThroughOneApiProcessIsRefusedByTheOtherWithinSeconds()
    {
        await using var cluster = await TwoApisAsync(silos: 1);
        var (api2, admin1) = (cluster.Api2, cluster.Admin1);
        var username = "porter" + Guid.NewGuid().ToString("N")[..8];
        (await admin1.PostAsJsonAsync("/api/admin/users", new { username, password = "a-long-enough-password", roles = new[] { "Nurse" } })).EnsureSuccessStatusCode();
        using var anonymous = api2.CreateClient();
        using var nurse = api2.CreateClient().WithToken(await TestAuth.TokenAsync(anonymous, username, "a-long-enough-password"));
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/api/census")).StatusCode);

        (await admin1.PostAsync($"/api/admin/users/{username}/disable", null)).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await nurse.GetAsync("/api/census")).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await nurse.GetAsync("/api/census")).StatusCode);
    }

    [Fact]
    public async Task KillingASiloDuringSustainedWritesLosesNoAcknowledgedWriteAndTheApiKeepsServing()
    {
        var cluster = await ClusterAsync();
        await using var survivor = await SiloAsync(cluster);
        await using var victim = await SiloAsync(cluster);
        await using var api = await ApiAsync(cluster);
        using var http = await api.AdminClientAsync();
        // Spread grains over both silos before the kill.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Requests.RegisterAsync(http)));

        var acknowledged = new ConcurrentBag<(string Mrn, string Family, DateTime At)>();
        var started = DateTime.UtcNow;
        var killedAt = DateTime.MaxValue;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var family = $"Fail{writer}x{i}";
                try
                {
                    var response = await http.PostAsJsonAsync("/api/patients", Requests.Patient("Kill", family));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(((await response.ReadJsonAsync()).GetProperty("mrn").GetString()!, family, DateTime.UtcNow));
                    }
                }
                catch (HttpRequestException)
                {
                    // Not acknowledged: the client may retry; nothing is owed.
                }
                catch (TaskCanceledException)
                {
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        await victim.KillAsync();
        killedAt = DateTime.UtcNow;
        await Task.WhenAll(writers);

        // The api kept serving once the dead silo was declared dead.
        Assert.Contains(acknowledged, a => a.At > killedAt.AddSeconds(12));
        var missing = new List<string>();
        foreach (var (mrn, family, _) in acknowledged)
        {
            var response = await http.GetAsync($"/api/patients/{mrn}");
            if (response.StatusCode != HttpStatusCode.OK || (await response.ReadJsonAsync()).GetProperty("name").GetProperty("family").GetString() != family)
            {
                missing.Add(mrn);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes lost: {string.Join(", ", missing.Take(10))}");
        Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} writes acknowledged in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
    }
}
