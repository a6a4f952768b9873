using System.Net;
using System.Net.Http.Json;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Security;

public sealed class SignInTests : IDisposable
{
    private readonly HospitalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheBootstrapAdminSignsInAndGetsATokenWithItsRoles()
    {
        var response = await _factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { username = "admin", password = TestAuth.AdminPassword });

        var token = await response.ReadJsonAsync();
        Assert.Equal(["Admin"], token.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(token.GetProperty("expiresIn").GetInt32() > 0);
    }

    [Fact]
    public async Task ATokenAlreadyAcceptedDoesNotMakeAnAlteredCopyAcceptable()
    {
        var anonymous = _factory.CreateAnonymousClient();
        var token = (await (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = TestAuth.AdminPassword }))
            .ReadJsonAsync()).GetProperty("accessToken").GetString()!;
        async Task<HttpStatusCode> MeWith(string bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            return (await anonymous.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await MeWith(token));
        Assert.Equal(HttpStatusCode.OK, await MeWith(token));
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var altered = token[..(token.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        var forgedClaims = token.Split('.') is var parts ? $"{parts[0]}.{parts[1]}x.{parts[2]}" : token;

        Assert.Equal(HttpStatusCode.Unauthorized, await MeWith(altered));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWith(forgedClaims));
        Assert.Equal(HttpStatusCode.OK, await MeWith(token));
    }

    [Fact]
    public async Task ADisabledAccountsTokenIsRefusedAtOnceAndStaysRefusedWhenEnabledAgain()
    {
        var admin = _factory.CreateClient();
        var username = "nurse" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/admin/users", new { username, password = "a-long-enough-password", roles = new[] { "Nurse" } })).EnsureSuccessStatusCode();
        var nurse = _factory.CreateAnonymousClient().WithToken(await TestAuth.TokenAsync(_factory.CreateAnonymousClient(), username, "a-long-enough-password"));
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/api/census")).StatusCode);

        (await admin.PostAsync($"/api/admin/users/{username}/disable", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await nurse.GetAsync("/api/census")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nurse.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/census")).StatusCode);

        (await admin.PostAsync($"/api/admin/users/{username}/enable", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await nurse.GetAsync("/api/census")).StatusCode);
        var signedInAgain = _factory.CreateAnonymousClient().WithToken(await TestAuth.TokenAsync(_factory.CreateAnonymousClient(), username, "a-long-enough-password"));
        Assert.Equal(HttpStatusCode.OK, (await signedInAgain.GetAsync("/api/census")).StatusCode);
    }

    [Fact]
    public async Task RepeatedFailedSignInsMakeTheAddressWait()
    {
        var admin = _factory.CreateClient();
        var username = "lock" + Guid.NewGuid().ToString("N")[..6];
        await admin.PostAsJsonAsync("/api/admin/users", new { username, password = "correct-horse-battery", roles = new[] { "Nurse" } });
        var anonymous = _factory.CreateAnonymousClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password = "wrong-password" })).StatusCode);
        }

        var locked = await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AUserOverTheRateLimitGets429ButAdminDoesNot()
    {
        using var limited = new HospitalFactory().With("Hospital:RateLimit:PermitsPerSecond", "5").With("Hospital:RateLimit:Burst", "5");
        var admin = limited.CreateClient();
        var nurse = await TestAuth.UserClientAsync(admin, limited.CreateAnonymousClient, "Nurse");

        var nurseResponses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => nurse.GetAsync("/api/census")));
        var adminResponses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.GetAsync("/api/census")));

        Assert.Contains(nurseResponses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(adminResponses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task AnIntegrationClientAuthenticatesWithAnApiKey()
    {
        var admin = _factory.CreateClient();
        var username = "lab-system-" + Guid.NewGuid().ToString("N")[..6];
        await admin.PostAsJsonAsync("/api/admin/users", new { username, password = "a-long-enough-password", roles = new[] { "Integration" } });
        var key = (await (await admin.PostAsync($"/api/admin/users/{username}/api-keys", null)).ReadJsonAsync()).GetProperty("apiKey").GetString();
        var machine = _factory.CreateAnonymousClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);

        var registered = await machine.PostAsJsonAsync("/api/patients", Requests.Patient());
        machine.DefaultRequestHeaders.Remove("X-Api-Key");
        machine.DefaultRequestHeaders.Add("X-Api-Key", "ohk_not-a-key");
        var refused = await machine.GetAsync("/api/census");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task PatientDataGrainsRecheckTheCallersRolesEvenWithoutAnEndpointPolicy()
    {
        var admin = _factory.CreateClient();
        var mrn = await Requests.RegisterAsync(admin);
        var grains = _factory.Services.GetRequiredService<IGrainFactory>();

        Actor.Set("billing.clerk", ["Billing"]);
        var error = await Assert.ThrowsAsync<HospitalException>(() =>
            grains.GetGrain<IChartGrain>(mrn).RecordVitals(new VitalSigns(16, 97, 1, false, 120, 70, Consciousness.A, 37m, DateTimeOffset.UtcNow)));
        Actor.Set("ward.nurse", ["Nurse"]);
        var allowed = await grains.GetGrain<IChartGrain>(mrn).GetRecentVitals();

        Assert.Equal(HospitalErrorKind.Forbidden, error.Kind);
        Assert.Empty(allowed);
    }
}
