using System.Net;
using System.Text;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Security;

/// <summary>
/// A fuzzer: thousands of malformed and hostile requests across every route (discovered from the endpoint data source)
/// against a real api process, signed in as admin so they get past authorization to the input handling. None may be a
/// 5xx, the server stays healthy, and no domain fact is recorded.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly HospitalFactory _factory = new();
    private HospitalProcess _api = null!;

    public async Task InitializeAsync() => _api = await HospitalProcess.StartApiAsync(new Dictionary<string, string>
    {
        ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
        [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
        ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
        ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
    });

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _factory.Dispose();
    }

    private static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "0", "-1", "1e999", "\"text\"", "{\"a\":", "{\"a\":1,}", "{'single':'quotes'}",
        new string('[', 5000) + new string(']', 5000),
        "{\"mrn\":{},\"bedId\":[],\"quantity\":\"many\",\"status\":7,\"birthDate\":\"2020-13-45\",\"name\":{\"given\":null}}",
        "{\"id\":\"' OR 1=1 --\",\"name\":\"<script>alert(1)</script>\",\"sexPolicy\":\"Both\"}",
        "{\"respiratoryRate\":1e400,\"spo2\":-99999999999999999999,\"consciousness\":\"Z\",\"temperature\":\"hot\"}",
        "{\"quantity\":2147483648,\"lot\":\"\\u0000\",\"expiry\":\"yesterday\"}",
        "{\"username\":\"admin\",\"password\":null,\"roles\":[\"Root\"]}",
        "{\"lots\":[{\"lot\":null,\"quantity\":-5}],\"reason\":\"" + new string('r', 10_000) + "\"}",
        "{\"name\":\"" + new string('x', 300_000) + "\"}",
        "\uFEFF{\"bom\":true}",
    ];

    private static readonly string[] Segments =
    [
        "X1", "%00", "..%2F..%2Fetc%2Fpasswd", new string('a', 3000), "%F0%9F%92%A9", "'%20OR%201%3D1", "%3Cscript%3E", "-1", "null",
    ];

    private static readonly string[] Queries =
    [
        "", "?from=not-a-date", "?limit=-5", "?limit=99999999999", "?status=Sideways", "?hours=0", "?name=" + new string('n', 500),
        "?birthDate=1990-02-31", "?after=abc", "?wardId=%00",
    ];

    [Fact]
    public async Task ThousandsOfHostileRequestsGetNo5xxChangeNothingAndLeaveTheServerHealthy()
    {
        _ = _factory.CreateClient();
        using var admin = await _api.AdminClientAsync();
        var routes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/scalar", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToList();
        var before = await DomainFactsAsync(admin);
        var random = new Random(2026);
        var failures = new List<string>();
        var sent = 0;

        for (var round = 0; round < 30; round++)
        {
            foreach (var (method, pattern) in routes)
            {
                var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}",
                    m => m.Groups[1].Value == "section" ? "notes" : Segments[random.Next(Segments.Length)]) + Queries[random.Next(Queries.Length)];
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is not "GET" and not "DELETE" || random.Next(4) == 0)
                {
                    var body = Bodies[random.Next(Bodies.Length)];
                    request.Content = random.Next(10) == 0
                        ? new ByteArrayContent([0xC3, 0x28, 0xA0, 0xA1, 0xFF])
                        : new StringContent(body, Encoding.UTF8, random.Next(8) == 0 ? "text/plain" : "application/json");
                    if (random.Next(12) == 0)
                    {
                        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', random.Next(1, 400)));
                    }
                }

                var response = await admin.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {url[..Math.Min(120, url.Length)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(sent >= 2000, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join("\n", failures.Take(20)));
        using var probe = _api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(before, await DomainFactsAsync(admin));
    }

    /// <summary>Every journal entry but the audit trail's (which records the attempts themselves).</summary>
    private static async Task<List<string>> DomainFactsAsync(HttpClient admin)
    {
        var entries = await (await admin.GetAsync("/api/journal?limit=1000")).ReadJsonAsync();
        return entries.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).Where(k => k != "Audit")
            .Select((k, i) => $"{i}:{k}").ToList();
    }
}
