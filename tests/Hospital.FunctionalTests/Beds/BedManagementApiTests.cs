using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Beds;

[Collection(SqliteApiCollection.Name)]
public sealed class BedManagementApiTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AWardShowsItsBedsAndCensus()
    {
        var (ward, beds) = await Requests.WardAsync(_client, beds: 3);
        await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);

        var board = await (await _client.GetAsync($"/api/wards/{ward}")).ReadJsonAsync();

        Assert.Equal(3, board.GetProperty("beds").GetArrayLength());
        var census = board.GetProperty("census");
        Assert.Equal((3, 1, 2), (census.GetProperty("total").GetInt32(), census.GetProperty("occupied").GetInt32(), census.GetProperty("available").GetInt32()));
        Assert.Equal(1.0 / 3, census.GetProperty("occupancy").GetDouble(), 10);
    }

    [Fact]
    public async Task AdmitTransferAndDischargeMoveThePatientThroughTheBeds()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 2);
        var mrn = await Requests.RegisterAsync(_client);
        var encounter = await Requests.AdmitAsync(_client, mrn, beds[0]);

        var transfer = await _client.PostAsJsonAsync($"/api/admissions/{encounter}/transfer", new { bedId = beds[1] });
        var discharge = await _client.PostAsJsonAsync($"/api/admissions/{encounter}/discharge", new { });

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal("Finished", (await discharge.ReadJsonAsync()).GetProperty("status").GetString());
        var stay = await (await _client.GetAsync($"/api/admissions/{encounter}")).ReadJsonAsync();
        Assert.Equal([beds[0], beds[1]], stay.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("bedId").GetString()));
        foreach (var bed in beds)
        {
            Assert.Equal("Dirty", (await (await _client.GetAsync($"/api/beds/{bed}")).ReadJsonAsync()).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task AnIllegalBedTransitionIsA409ListingTheAllowedStatuses()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);

        var response = await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = "Cleaning" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var allowed = (await response.ReadJsonAsync()).GetProperty("allowed").EnumerateArray().Select(a => a.GetString());
        Assert.Equal(["Reserved", "Occupied", "Blocked"], allowed);
    }

    [Fact]
    public async Task TheCurrentStatusIsAnOkNoOp()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);

        var response = await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = "Available" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ReserveAndReleaseHoldABedForOnePatient()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);

        var reserved = await (await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/reserve", new { mrn })).ReadJsonAsync();
        var released = await (await _client.PostAsync($"/api/beds/{beds[0]}/release", null)).ReadJsonAsync();

        Assert.Equal(("Reserved", mrn), (reserved.GetProperty("status").GetString(), reserved.GetProperty("mrn").GetString()));
        Assert.Equal("Available", released.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SimultaneousAdmitsIntoOneBedAdmitExactlyOne()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var patients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Requests.RegisterAsync(_client)));

        var responses = await Task.WhenAll(patients.Select(mrn => _client.PostAsJsonAsync("/api/admissions", new { mrn, bedId = beds[0] })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ARetriedAdmitWithTheSameIdempotencyKeyAdmitsOnce()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/admissions") { Content = JsonContent.Create(new { mrn, bedId = beds[0] }) };
            request.Headers.Add("Idempotency-Key", key);
            return _client.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var encounters = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("encounterId").GetString()));
        Assert.Single(encounters.Distinct());
    }

    [Fact]
    public async Task TheCensusSumsTheWards()
    {
        await Requests.WardAsync(_client, beds: 2);

        var census = await (await _client.GetAsync("/api/census")).ReadJsonAsync();

        var wards = census.GetProperty("wards").EnumerateArray().ToList();
        Assert.Equal(wards.Sum(w => w.GetProperty("total").GetInt32()), census.GetProperty("hospital").GetProperty("total").GetInt32());
        Assert.Equal(wards.Sum(w => w.GetProperty("occupied").GetInt32()), census.GetProperty("hospital").GetProperty("occupied").GetInt32());
    }

    [Fact]
    public async Task APendingAdmissionIsPlacedIntoABedFromTheQueue()
    {
        var (ward, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);
        var queued = await (await _client.PostAsJsonAsync($"/api/wards/{ward}/pending-admissions", new { mrn, priority = "Urgent" })).ReadJsonAsync();

        var placed = await _client.PostAsJsonAsync($"/api/wards/{ward}/pending-admissions/{queued.GetProperty("id").GetString()}/place", new { bedId = beds[0] });

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(0, (await (await _client.GetAsync($"/api/wards/{ward}/pending-admissions")).ReadJsonAsync()).GetArrayLength());
        Assert.Equal("Occupied", (await (await _client.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WardMetricsReportTurnaroundAndLengthOfStay()
    {
        var (ward, beds) = await Requests.WardAsync(_client, beds: 1);
        var encounter = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);
        await _client.PostAsJsonAsync($"/api/admissions/{encounter}/discharge", new { });
        await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = "Cleaning" });
        await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = "Available" });

        var metrics = await (await _client.GetAsync($"/api/wards/{ward}/metrics")).ReadJsonAsync();

        Assert.Equal(1, metrics.GetProperty("bedTurnaround").GetProperty("count").GetInt32());
        Assert.Equal(1, metrics.GetProperty("cleaning").GetProperty("count").GetInt32());
        Assert.Equal(1, metrics.GetProperty("lengthOfStay").GetProperty("count").GetInt32());
        Assert.Equal(1, metrics.GetProperty("timeToBed").GetProperty("count").GetInt32());
    }

    public static TheoryData<string, string, string, HttpStatusCode> BadRequests => new()
    {
        { "POST", "/api/wards", """{"id":"bad id!","name":"x"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/wards", """{"id":"WX1","name":"x","sexPolicy":"Both"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/wards", """{"name":"x"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/wards/NOPE/beds", """{"id":"NOPE-1","room":"1"}""", HttpStatusCode.NotFound },
        { "GET", "/api/wards/NOPE", "", HttpStatusCode.NotFound },
        { "GET", "/api/beds/NOPE", "", HttpStatusCode.NotFound },
        { "GET", "/api/census/wards/NOPE", "", HttpStatusCode.NotFound },
        { "GET", "/api/admissions/NOPE", "", HttpStatusCode.NotFound },
        { "POST", "/api/beds/NOPE/status", """{"status":"Cleaning"}""", HttpStatusCode.NotFound },
        { "POST", "/api/beds/NOPE/status", """{"status":"Filthy"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/beds/NOPE/status", """{"status":"Blocked"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/admissions", """{"mrn":"H99999999","bedId":"NOPE"}""", HttpStatusCode.NotFound },
        { "POST", "/api/admissions", """{"bedId":"NOPE"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/admissions", """{"mrn":"H1","bedId":"B1","isolationRequired":"yes"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/admissions/NOPE/transfer", """{"bedId":"B1"}""", HttpStatusCode.NotFound },
        { "POST", "/api/admissions/NOPE/discharge", "{}", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputGetsTheDocumentedStatusAsProblemDetails(string method, string path, string body, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABedIdIsUniqueAcrossWards()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var (other, _) = await Requests.WardAsync(_client, beds: 0);

        var response = await _client.PostAsJsonAsync($"/api/wards/{other}/beds", new { id = beds[0], room = "9" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
