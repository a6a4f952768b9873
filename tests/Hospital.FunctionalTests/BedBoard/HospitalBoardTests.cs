using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.BedBoard;

/// <summary>The hospital board's rows, filters, sorting and group totals, and the capacity outlook, on a hospital of its own.</summary>
public sealed class HospitalBoardTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TestPaths.NewDataDirectory();
    private HospitalFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new HospitalFactory().With("Hospital:DataDirectory", _dataDirectory);
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TheBoardFiltersSortsAndGroupsWardsWithTotals()
    {
        var (surgeryA, surgeryABeds) = await WardAsync("Surgery", "North", "1", beds: 3);
        var (surgeryB, _) = await WardAsync("Surgery", "South", "2", beds: 2);
        var (medicine, medicineBeds) = await WardAsync("Medicine", "North", "2", beds: 4);
        await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), surgeryABeds[0]);
        await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), medicineBeds[0]);
        await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), medicineBeds[1]);
        (await _client.PostAsJsonAsync($"/api/wards/{medicine}/pending-admissions", new { mrn = await Requests.RegisterAsync(_client) })).EnsureSuccessStatusCode();

        var all = await BoardAsync("");
        Assert.Equal(3, all.GetProperty("wardCount").GetInt32());
        Assert.Equal(new[] { medicine, surgeryA, surgeryB }.Order(StringComparer.Ordinal), Ids(all));
        Assert.Equal((9, 3, 1), (all.GetProperty("totals").GetProperty("total").GetInt32(), all.GetProperty("totals").GetProperty("occupied").GetInt32(),
            all.GetProperty("totals").GetProperty("pendingAdmissions").GetInt32()));
        Assert.Equal(["Medicine", "Surgery"], all.GetProperty("filters").GetProperty("services").EnumerateArray().Select(s => s.GetString()));

        var surgery = await BoardAsync("service=surgery");
        Assert.Equal(new[] { surgeryA, surgeryB }.Order(StringComparer.Ordinal), Ids(surgery));
        Assert.Equal(5, surgery.GetProperty("totals").GetProperty("total").GetInt32());
        Assert.Equal([medicine], Ids(await BoardAsync("building=North&floor=2")));

        var byOccupied = await BoardAsync("sort=occupied&desc=true");
        Assert.Equal([medicine, surgeryA, surgeryB], Ids(byOccupied));
        Assert.Equal([surgeryB, surgeryA, medicine], Ids(await BoardAsync("sort=occupied")));

        var grouped = await BoardAsync("groupBy=building");
        var groups = grouped.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!);
        Assert.Equal((2, 7, 3), (groups["North"].GetProperty("wards").GetInt32(), groups["North"].GetProperty("counts").GetProperty("total").GetInt32(),
            groups["North"].GetProperty("counts").GetProperty("occupied").GetInt32()));
        Assert.Equal((1, 2), (groups["South"].GetProperty("wards").GetInt32(), groups["South"].GetProperty("counts").GetProperty("total").GetInt32()));
        var medicineRow = all.GetProperty("wards").EnumerateArray().Single(r => r.GetProperty("wardId").GetString() == medicine);
        Assert.Equal(("Medicine", "North", "2"), (medicineRow.GetProperty("service").GetString(), medicineRow.GetProperty("building").GetString(), medicineRow.GetProperty("floor").GetString()));
        Assert.Equal(1, medicineRow.GetProperty("outlook").GetProperty("pendingAdmissions").GetInt32());
    }

    [Fact]
    public async Task BadBoardQueriesAndLocationsAreProblemsAndChangeNothing()
    {
        var (ward, _) = await WardAsync("Surgery", "North", "1", beds: 1);
        await (await _client.GetAsync("/api/census/board?sort=colour")).AssertInvalidAsync("sort");
        await (await _client.GetAsync("/api/census/board?groupBy=colour")).AssertInvalidAsync("groupBy");
        await (await _client.PutAsJsonAsync($"/api/wards/{ward}/location", new { service = new string('s', 101) })).AssertInvalidAsync("service");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PutAsJsonAsync("/api/wards/NOWARD/location", new { service = "Surgery" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/census/outlook?wardId=NOWARD")).StatusCode);
        var row = (await BoardAsync("")).GetProperty("wards")[0];
        Assert.Equal("Surgery", row.GetProperty("service").GetString());

        var cleared = await _client.PutAsJsonAsync($"/api/wards/{ward}/location", new { service = "Medicine" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var view = await cleared.ReadJsonAsync();
        Assert.Equal("Medicine", view.GetProperty("service").GetString());
        Assert.False(view.TryGetProperty("building", out _));
    }

    [Fact]
    public async Task TheOutlookCountsBedsExpectedFreeAndLearnsTheWardsTurnaroundWhichSurvivesARestart()
    {
        var (ward, beds) = await WardAsync("Medicine", "North", "1", beds: 4);
        // One measured turnaround: a bed dirtied, cleaned and available again.
        await StatusAsync(beds[0], "Blocked", "spill");
        await StatusAsync(beds[0], "Dirty");
        await StatusAsync(beds[0], "Cleaning");
        await StatusAsync(beds[0], "Available");
        // Now: one dirty, one cleaning, one patient leaving today.
        await StatusAsync(beds[1], "Blocked", "spill");
        await StatusAsync(beds[1], "Dirty");
        await StatusAsync(beds[2], "Blocked", "spill");
        await StatusAsync(beds[2], "Dirty");
        await StatusAsync(beds[2], "Cleaning");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var admit = await _client.PostAsJsonAsync("/api/admissions", new { mrn = await Requests.RegisterAsync(_client), bedId = beds[3], expectedDischarge = today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, admit.StatusCode);

        var outlook = await OutlookAsync(ward);
        var o = outlook.GetProperty("outlook");
        Assert.Equal((1, 1, 1, 1), (o.GetProperty("availableNow").GetInt32(), o.GetProperty("dirty").GetInt32(), o.GetProperty("cleaning").GetInt32(),
            o.GetProperty("expectedDischargesToday").GetInt32()));
        // The measured turnaround is a few milliseconds: dirty and cleaning beds are expected within 4 hours; the discharge by midday plus that.
        Assert.True(o.GetProperty("freeWithin4Hours").GetInt32() >= 2, outlook.ToString());
        Assert.Equal(3, o.GetProperty("freeWithin24Hours").GetInt32());
        Assert.Equal(1 + 3, o.GetProperty("net24Hours").GetInt32());
        Assert.Equal(1, outlook.GetProperty("turnaroundSamples").GetInt32());
        Assert.True(outlook.GetProperty("medianTurnaroundMinutes").GetDouble() < 5, outlook.ToString());
        var hospital = (await (await _client.GetAsync("/api/census/outlook")).ReadJsonAsync()).GetProperty("hospital");
        Assert.Equal(3, hospital.GetProperty("freeWithin24Hours").GetInt32());

        await _factory.DisposeAsync();
        _factory = new HospitalFactory().With("Hospital:DataDirectory", _dataDirectory);
        _client = _factory.CreateClient();
        var restarted = await OutlookAsync(ward);
        Assert.Equal(1, restarted.GetProperty("turnaroundSamples").GetInt32());
        Assert.Equal(3, restarted.GetProperty("outlook").GetProperty("freeWithin24Hours").GetInt32());
    }

    private async Task<(string WardId, string[] Beds)> WardAsync(string service, string building, string floor, int beds)
    {
        var wardId = "B" + Guid.NewGuid().ToString("N")[..8];
        (await _client.PostAsJsonAsync("/api/wards", new { id = wardId, name = "Ward " + wardId, service, building, floor })).EnsureSuccessStatusCode();
        var ids = new string[beds];
        for (var i = 0; i < beds; i++)
        {
            ids[i] = $"{wardId}-{i + 1:D2}";
            (await _client.PostAsJsonAsync($"/api/wards/{wardId}/beds", new { id = ids[i], room = $"{i + 1}" })).EnsureSuccessStatusCode();
        }

        return (wardId, ids);
    }

    private async Task<JsonElement> BoardAsync(string query)
    {
        var response = await _client.GetAsync($"/api/census/board?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> OutlookAsync(string ward)
    {
        var response = await _client.GetAsync($"/api/census/outlook?wardId={ward}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("wards")[0];
    }

    private static List<string> Ids(JsonElement board) => board.GetProperty("wards").EnumerateArray().Select(r => r.GetProperty("wardId").GetString()!).ToList();

    private async Task StatusAsync(string bed, string status, string? reason = null) =>
        (await _client.PostAsJsonAsync($"/api/beds/{bed}/status", new { status, reason })).EnsureSuccessStatusCode();
}
