using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.FunctionalTests.Live;

/// <summary>
/// The production shape: a silo process and an api process in client mode on PostgreSQL, with a real SignalR client
/// connected to the api.
/// </summary>
public sealed class LiveUpdatesTests : IAsyncLifetime
{
    private Dictionary<string, string> _cluster = null!;
    private Dictionary<string, string> _siloSettings = null!;
    private HospitalProcess _silo = null!;
    private HospitalProcess _api = null!;

    public async Task InitializeAsync()
    {
        _cluster = new Dictionary<string, string>
        {
            ["Hospital:Storage"] = "Postgres",
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
            ["Hospital:Orleans:ClusterId"] = "live-" + Guid.NewGuid().ToString("N")[..8],
        };
        _siloSettings = new Dictionary<string, string>(_cluster)
        {
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
        };
        _silo = await HospitalProcess.StartSiloAsync(_siloSettings);
        _api = await StartApiAsync();
    }

    private Task<HospitalProcess> StartApiAsync() => HospitalProcess.StartApiAsync(new Dictionary<string, string>(_cluster)
    {
        ["Hospital:Orleans:Mode"] = "Client",
        ["Hospital:MigrateOnStartup"] = "false",
    });

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
    }

    private static async Task<(HubConnection Hub, ConcurrentQueue<(string Kind, JsonElement Body)> Events)> ConnectAsync(HospitalProcess api, params string[] wards)
    {
        var events = new ConcurrentQueue<(string, JsonElement)>();
        var hub = await api.HubAsync();
        foreach (var kind in new[] { "BedChanged", "CensusChanged", "AdtEvent" })
        {
            hub.On<JsonElement>(kind, body => events.Enqueue((kind, body)));
        }

        await hub.StartAsync();
        foreach (var ward in wards)
        {
            await hub.InvokeAsync("SubscribeWard", ward);
        }

        return (hub, events);
    }

    private static async Task WaitForAsync(ConcurrentQueue<(string Kind, JsonElement Body)> events, Func<(string Kind, JsonElement Body), bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!events.Any(match))
        {
            Assert.True(DateTime.UtcNow < deadline, "event not received; got: " + string.Join(", ", events.Select(e => e.Kind)));
            await Task.Delay(20);
        }
    }

    private static bool Adt((string Kind, JsonElement Body) e, string kind) =>
        e.Kind == "AdtEvent" && e.Body.GetProperty("kind").GetString() == kind;

    [Fact]
    public async Task AWardSubscriberReceivesBedCensusAndAdtEventsForAdmitTransferAndDischargeInOrder()
    {
        using var http = await _api.AdminClientAsync();
        var (wardA, bedsA) = await Requests.WardAsync(http, beds: 1);
        var (wardB, bedsB) = await Requests.WardAsync(http, beds: 1);
        var mrn = await Requests.RegisterAsync(http);
        var (hub, events) = await ConnectAsync(_api, wardA, wardB);
        await using var _ = hub;

        var encounter = await Requests.AdmitAsync(http, mrn, bedsA[0]);
        await WaitForAsync(events, e => Adt(e, "Admitted"));
        (await http.PostAsJsonAsync($"/api/admissions/{encounter}/transfer", new { bedId = bedsB[0] })).EnsureSuccessStatusCode();
        await WaitForAsync(events, e => Adt(e, "Transferred"));
        (await http.PostAsJsonAsync($"/api/admissions/{encounter}/discharge", new { })).EnsureSuccessStatusCode();
        await WaitForAsync(events, e => Adt(e, "Discharged"));

        var log = events.ToList();
        int Index(Func<(string Kind, JsonElement Body), bool> match) => log.FindIndex(e => match(e));
        int Bed(string bed, string status) => Index(e => e.Kind == "BedChanged" && e.Body.GetProperty("id").GetString() == bed && e.Body.GetProperty("status").GetString() == status);
        int Census(string ward, int occupied) => Index(e => e.Kind == "CensusChanged"
            && e.Body.GetProperty("ward").GetProperty("wardId").GetString() == ward && e.Body.GetProperty("ward").GetProperty("occupied").GetInt32() == occupied);

        // Admit: the bed, then the ward's census, then the ADT event.
        Assert.True(Bed(bedsA[0], "Occupied") < Census(wardA, 1) && Census(wardA, 1) < Index(e => Adt(e, "Admitted")), Describe(log));
        // Transfer between wards: both wards' subscribers hear it, after the new bed is taken and the old one is dirty.
        Assert.True(Index(e => Adt(e, "Admitted")) < Bed(bedsB[0], "Occupied") && Bed(bedsB[0], "Occupied") < Bed(bedsA[0], "Dirty"), Describe(log));
        Assert.True(Bed(bedsA[0], "Dirty") < Index(e => Adt(e, "Transferred")), Describe(log));
        var transferred = log.Single(e => Adt(e, "Transferred")).Body;
        Assert.Equal((bedsB[0], bedsA[0]), (transferred.GetProperty("bedId").GetString(), transferred.GetProperty("fromBedId").GetString()));
        // Discharge.
        Assert.True(Index(e => Adt(e, "Transferred")) < Bed(bedsB[0], "Dirty") && Bed(bedsB[0], "Dirty") < Index(e => Adt(e, "Discharged")), Describe(log));
        // Every hospital total rides along with the ward counts.
        Assert.All(log.Where(e => e.Kind == "CensusChanged"), e => Assert.True(e.Body.GetProperty("hospital").GetProperty("total").GetInt32() >= 2));
    }

    [Fact]
    public async Task AConnectionInSeveralGroupsGetsEachEventOnce()
    {
        using var http = await _api.AdminClientAsync();
        var (wardA, bedsA) = await Requests.WardAsync(http, beds: 1);
        var (wardB, bedsB) = await Requests.WardAsync(http, beds: 1);
        var (hub, events) = await ConnectAsync(_api, wardA, wardB);
        await using var _ = hub;
        await hub.InvokeAsync("SubscribeHospital");

        var encounter = await Requests.AdmitAsync(http, await Requests.RegisterAsync(http), bedsA[0]);
        (await http.PostAsJsonAsync($"/api/admissions/{encounter}/transfer", new { bedId = bedsB[0] })).EnsureSuccessStatusCode();
        await WaitForAsync(events, e => Adt(e, "Transferred"));
        await Task.Delay(300);

        var log = events.ToList();
        Assert.Single(log, e => Adt(e, "Admitted"));
        Assert.Single(log, e => Adt(e, "Transferred"));
        Assert.Single(log, e => e.Kind == "BedChanged" && e.Body.GetProperty("id").GetString() == bedsB[0]);
        var censuses = log.Where(e => e.Kind == "CensusChanged").Select(e => e.Body.GetRawText()).ToList();
        Assert.Equal(censuses.Count, censuses.Distinct().Count());
        Assert.Contains(log, e => e.Kind == "CensusChanged" && e.Body.GetProperty("ward").GetProperty("wardId").GetString() == wardB
            && e.Body.GetProperty("ward").GetProperty("occupied").GetInt32() == 1);
    }

    [Fact]
    public async Task HospitalSubscribersGetCensusButNotEveryBedChange()
    {
        using var http = await _api.AdminClientAsync();
        var (ward, beds) = await Requests.WardAsync(http, beds: 1);
        var events = new ConcurrentQueue<(string Kind, JsonElement Body)>();
        await using var hub = await _api.HubAsync();
        hub.On<JsonElement>("CensusChanged", body => events.Enqueue(("CensusChanged", body)));
        hub.On<JsonElement>("BedChanged", body => events.Enqueue(("BedChanged", body)));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeHospital");

        await Requests.AdmitAsync(http, await Requests.RegisterAsync(http), beds[0]);

        await WaitForAsync(events, e => e.Kind == "CensusChanged" && e.Body.GetProperty("ward").GetProperty("wardId").GetString() == ward
            && e.Body.GetProperty("ward").GetProperty("occupied").GetInt32() == 1);
        Assert.DoesNotContain(events, e => e.Kind == "BedChanged");
    }

    [Fact]
    public async Task SubscribingToAnUnknownWardIsAHubError()
    {
        var (hub, _) = await ConnectAsync(_api);
        await using var _ = hub;

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeWard", "NO-SUCH-WARD"));

        Assert.Contains("Unknown ward", error.Message);
    }

    [Fact]
    public async Task StateSurvivesARestartOfBothProcessesAndANewConnectionIsLiveAgain()
    {
        using (var http = await _api.AdminClientAsync())
        {
            var (_, beds) = await Requests.WardAsync(http, beds: 2);
            var mrn = await Requests.RegisterAsync(http);
            var encounter = await Requests.AdmitAsync(http, mrn, beds[0]);

            await _api.KillAsync();
            await _silo.KillAsync();
            _silo = await HospitalProcess.StartSiloAsync(_siloSettings);
            _api = await StartApiAsync();

            using var after = await _api.AdminClientAsync();
            var bed = await (await after.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync();
            Assert.Equal(("Occupied", encounter), (bed.GetProperty("status").GetString(), bed.GetProperty("encounterId").GetString()));
            var ward = bed.GetProperty("wardId").GetString()!;
            Assert.Equal(1, (await (await after.GetAsync($"/api/census/wards/{ward}")).ReadJsonAsync()).GetProperty("occupied").GetInt32());

            var (hub, events) = await ConnectAsync(_api, ward);
            await using var _ = hub;
            var transfer = await after.PostAsJsonAsync($"/api/admissions/{encounter}/transfer", new { bedId = beds[1] });
            Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
            await WaitForAsync(events, e => Adt(e, "Transferred"));
        }
    }

    private static string Describe(List<(string Kind, JsonElement Body)> log) =>
        string.Join("\n", log.Select(e => $"{e.Kind} {e.Body}"));
}
