using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace Hospital.FunctionalTests.Platform;

/// <summary>
/// What a client of an api process in client mode sees while the cluster or the database cannot serve it: 503 with
/// <c>Retry-After</c> for reads, writes and sign-in, never a 500.
/// </summary>
public sealed class UnavailabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WithTheOnlySiloKilledReadsWritesAndSignInAnswer503WithRetryAfterUntilItIsBack()
    {
        var cluster = await LocalCluster.SettingsAsync();
        await using var silo = await LocalCluster.SiloAsync(cluster);
        await using var api = await LocalCluster.ApiAsync(cluster);
        using var admin = await api.AdminClientAsync();
        using var anonymous = api.CreateClient();
        var mrn = await Requests.RegisterAsync(admin);

        await silo.KillAsync();

        await AssertUnavailableAsync(api,
            ("read", await admin.GetAsync($"/api/patients/{mrn}")),
            ("write", await admin.PostAsJsonAsync("/api/patients", Requests.Patient("Silo", "Down"))),
            ("sign-in", await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = TestAuth.AdminPassword })));

        await silo.RestartAsync();
        var seen = new List<HttpStatusCode>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && seen.LastOrDefault() != HttpStatusCode.OK)
        {
            seen.Add((await admin.GetAsync("/api/census")).StatusCode);
            seen.Add((await admin.GetAsync($"/api/patients/{mrn}")).StatusCode);
            await Task.Delay(100);
        }

        // Which errors the api saw, for the reader of the test log.
        foreach (var line in api.Output.Split('\n').Where(l => l.Contains("answered 503")).Distinct())
        {
            output.WriteLine(line.Trim());
        }

        Assert.Equal(HttpStatusCode.OK, seen.Last());
        Assert.All(seen, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
    }

    [Fact]
    public async Task ADatabaseErrorOnTheSiloReachesTheApiAs503WithRetryAfterNotAsACodecError()
    {
        var cluster = await LocalCluster.SettingsAsync();
        await using var silo = await LocalCluster.SiloAsync(cluster);
        await using var api = await LocalCluster.ApiAsync(cluster);
        using var admin = await api.AdminClientAsync();
        using var anonymous = api.CreateClient();

        await PostgresServer.RenameTableAsync(cluster["ConnectionStrings:Hospital"], "hospital_grain_state", "hospital_grain_state_gone");
        await AssertUnavailableAsync(api,
            // A grain that activates now fails to read its state: no call filter sees that.
            ("read", await admin.GetAsync($"/api/wards/W{Guid.NewGuid():N}")),
            ("write", await admin.PostAsJsonAsync("/api/patients", Requests.Patient("Db", "Down"))),
            // A failed sign-in is counted (a write); a good one changes nothing on this account.
            ("sign-in", await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "wrong" })));
        await PostgresServer.RenameTableAsync(cluster["ConnectionStrings:Hospital"], "hospital_grain_state_gone", "hospital_grain_state");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/patients", Requests.Patient("Db", "Back"))).StatusCode);
        Assert.DoesNotContain("codec", api.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task AssertUnavailableAsync(HospitalProcess api, params (string What, HttpResponseMessage Response)[] answers)
    {
        foreach (var (what, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{api.Output}");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what}: no Retry-After");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
