using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hospital.Api.Security;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Security;

/// <summary>Every answer that carries a patient is audited with that patient, whichever route or hub event carried it.</summary>
public sealed class AuditCompletenessTests : IDisposable
{
    private readonly HospitalFactory _factory = new HospitalFactory().With("Hospital:Audit:HubSummaryInterval", "00:00:00.500");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ReadingAPatientsJournalIsAuditedWithTheirMrn()
    {
        var admin = _factory.CreateClient();
        var mrn = await Requests.RegisterAsync(admin, Requests.Patient("Journal", "Reader"));

        var journal = await admin.GetAsync($"/api/journal?mrn={mrn}");

        Assert.Contains("Reader", await journal.Content.ReadAsStringAsync());
        Assert.Contains(await AuditOf(admin, mrn), e => Action(e) == "GET /api/journal/");
    }

    [Fact]
    public async Task RegisteringAPatientIsAuditedWithTheNewMrn()
    {
        var admin = _factory.CreateClient();

        var mrn = await Requests.RegisterAsync(admin, Requests.Patient("New", "Arrival"));

        Assert.Contains(await AuditOf(admin, mrn), e => Action(e) == "POST /api/patients/");
    }

    [Fact]
    public async Task ASearchRecordsEveryPatientItReturned()
    {
        var admin = _factory.CreateClient();
        var family = "Zq" + Guid.NewGuid().ToString("N")[..6];
        var mrns = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mrns.Add(await Requests.RegisterAsync(admin, Requests.Patient("Given" + i, family)));
        }

        var search = await (await admin.GetAsync($"/api/patients?name={family}")).ReadJsonAsync();

        Assert.Equal(3, search.EnumerateArray().Count());
        foreach (var mrn in mrns)
        {
            Assert.Contains(await AuditOf(admin, mrn), e => Action(e) == "GET /api/patients/");
        }
    }

    [Fact]
    public async Task EveryRouteThatAnswersWithAPatientRecordsThatPatient()
    {
        var admin = _factory.CreateClient();
        var (wardId, beds) = await Requests.WardAsync(admin, beds: 2);
        var mrn = await Requests.RegisterAsync(admin, Requests.Patient("Board", "Shown"));
        var waiting = await Requests.RegisterAsync(admin, Requests.Patient("Queue", "Waiting"));
        var encounterId = await Requests.AdmitAsync(admin, mrn, beds[0]);
        (await admin.PostAsJsonAsync($"/api/wards/{wardId}/pending-admissions", new { mrn = waiting, priority = "Routine" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/patients/{mrn}/labs", new
        {
            loinc = "2823-3", name = "Potassium", value = 6.9m, unit = "mmol/L", referenceLow = 3.5m, referenceHigh = 5.1m, criticalLow = 2.5m, criticalHigh = 6.5m,
        })).EnsureSuccessStatusCode();
        var alertId = (await (await admin.GetAsync($"/api/alerts?subject={mrn}")).ReadJsonAsync())[0].GetProperty("id").GetString()!;
        var values = new Dictionary<string, string>
        {
            ["mrn"] = mrn, ["wardId"] = wardId, ["bedId"] = beds[0], ["encounterId"] = encounterId, ["alertId"] = alertId, ["section"] = "notes",
            ["locationId"] = wardId, ["username"] = "admin",
        };

        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)).ToList();
        var carrying = 0;
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!;
            if (endpoint.RoutePattern.Parameters.Any(p => !values.ContainsKey(p.Name)))
            {
                continue;
            }

            var url = Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => values[m.Groups[1].Value]);
            var body = await (await admin.GetAsync(url)).Content.ReadAsStringAsync();
            foreach (var patient in new[] { mrn, waiting }.Where(p => body.Contains(p, StringComparison.Ordinal)))
            {
                carrying++;
                if (!PatientDataRoutes.Carries(endpoint))
                {
                    failures.Add($"GET {pattern} answered with {patient} but is not treated as patient data");
                }
                else if (!(await AuditOf(admin, patient)).Any(e => Action(e) == $"GET {pattern}"))
                {
                    failures.Add($"GET {pattern} answered with {patient} and recorded no audit entry for them");
                }
            }
        }

        Assert.True(carrying >= 10, $"only {carrying} answers carried a patient");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryRouteWhoseAnswerCanHoldAnMrnIsTreatedAsPatientData()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true).ToList();

        string[] mustCarry = ["/api/journal/", "/api/wards/{wardId}", "/api/beds/{bedId}", "/api/alerts/", "/api/alerts/{alertId}", "/api/patients/",
            "/api/admissions/{encounterId}", "/api/audit/"];
        string[] mustNot = ["/api/census/", "/api/census/wards/{wardId}", "/health/live"];

        Assert.All(mustCarry, p => Assert.True(endpoints.Where(e => e.RoutePattern.RawText == p).All(PatientDataRoutes.Carries), p));
        Assert.All(mustNot, p => Assert.False(endpoints.Where(e => e.RoutePattern.RawText == p).Any(PatientDataRoutes.Carries), p));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TheHubAuditsEachSubscriptionAndThePatientsWhoseEventsAConnectionReceived()
    {
        var admin = _factory.CreateClient();
        var (wardId, beds) = await Requests.WardAsync(admin, beds: 1);
        var mrn = await Requests.RegisterAsync(admin, Requests.Patient("Live", "Pushed"));
        await using var hub = Hub(admin.DefaultRequestHeaders.Authorization!.Parameter!);
        var bedChanged = new TaskCompletionSource();
        hub.On<JsonElement>("BedChanged", b => { if (b.TryGetProperty("mrn", out var m) && m.GetString() == mrn) bedChanged.TrySetResult(); });
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeWard", wardId);

        await Requests.AdmitAsync(admin, mrn, beds[0]);
        await bedChanged.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var all = await (await admin.GetAsync("/api/audit?limit=1000")).ReadJsonAsync();
        Assert.Contains(all.EnumerateArray(), e => Action(e) == $"HUB SubscribeWard {wardId}" && Body(e).Contains(hub.ConnectionId!));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await AuditOf(admin, mrn)).Any(e => Action(e) == "HUB events" && Body(e).Contains(hub.ConnectionId!)))
        {
            Assert.True(DateTime.UtcNow < deadline, "no hub exposure record for the patient");
            await Task.Delay(200);
        }
    }

    private HubConnection Hub(string token) => new HubConnectionBuilder()
        .WithUrl("http://localhost/hubs/operations", o =>
        {
            o.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    private static async Task<List<JsonElement>> AuditOf(HttpClient admin, string mrn)
    {
        var response = await admin.GetAsync($"/api/audit?mrn={mrn}&limit=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).EnumerateArray().ToList();
    }

    private static string Body(JsonElement entry)
    {
        using var payload = JsonDocument.Parse(entry.GetProperty("payload").GetString()!);
        return payload.RootElement.GetProperty("body").GetString()!;
    }

    private static string Action(JsonElement entry)
    {
        using var body = JsonDocument.Parse(Body(entry));
        return body.RootElement.GetProperty("action").GetString()!;
    }
}
