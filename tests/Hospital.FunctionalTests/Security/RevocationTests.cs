using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.FunctionalTests.Security;

/// <summary>A token is worth what its account still is: a change of roles, password, state or existence refuses it.</summary>
public sealed class RevocationTests : IDisposable
{
    private const string Password = "revocation-test-password";
    private readonly HospitalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ChangingRolesRefusesTheOldTokenAndTheNewOneCarriesTheNewRoles()
    {
        var admin = _factory.CreateClient();
        var (username, old) = await UserAsync(admin, "Physician");
        var mrn = await Requests.RegisterAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync($"/api/patients/{mrn}/chart")).StatusCode);

        (await admin.PutAsJsonAsync($"/api/admin/users/{username}/roles", new { roles = new[] { "Billing" } })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync($"/api/patients/{mrn}/chart")).StatusCode);
        var fresh = await SignInAsync(username);
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.GetAsync($"/api/patients/{mrn}/chart")).StatusCode);
    }

    [Fact]
    public async Task SettingANewPasswordRefusesTokensIssuedBefore()
    {
        var admin = _factory.CreateClient();
        var (username, old) = await UserAsync(admin, "Nurse");

        (await admin.PostAsJsonAsync($"/api/admin/users/{username}/password", new { password = "another-long-password" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/census")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { username, password = Password })).StatusCode);
    }

    [Fact]
    public async Task DeletingAUserRefusesTheirTokensAndApiKeys()
    {
        var admin = _factory.CreateClient();
        var (username, old) = await UserAsync(admin, "Integration");
        var key = (await (await admin.PostAsync($"/api/admin/users/{username}/api-keys", null)).ReadJsonAsync()).GetProperty("apiKey").GetString()!;
        var machine = _factory.CreateAnonymousClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/census")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/users/{username}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/census")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/census")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/admin/users/{username}")).StatusCode);
    }

    [Fact]
    public async Task DisablingAUserClosesTheirOpenHubConnection()
    {
        var admin = _factory.CreateClient();
        var (username, client) = await UserAsync(admin, "BedManager");
        await using var hub = Hub(_factory, client.DefaultRequestHeaders.Authorization!.Parameter!);
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeHospital");

        (await admin.PostAsync($"/api/admin/users/{username}/disable", null)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AHubConnectionClosesWhenItsTokenExpires()
    {
        using var factory = new HospitalFactory().With("Hospital:Auth:TokenLifetime", "00:00:05");
        var token = await TestAuth.TokenAsync(factory.CreateAnonymousClient());
        await using var hub = Hub(factory, token);
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeHospital");
        var opened = DateTime.UtcNow;

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.InRange((DateTime.UtcNow - opened).TotalSeconds, 1, 12);
    }

    private async Task<(string Username, HttpClient Client)> UserAsync(HttpClient admin, string role)
    {
        var username = "r" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostAsJsonAsync("/api/admin/users", new { username, password = Password, roles = new[] { role } })).EnsureSuccessStatusCode();
        return (username, await SignInAsync(username));
    }

    private async Task<HttpClient> SignInAsync(string username) =>
        _factory.CreateAnonymousClient().WithToken(await TestAuth.TokenAsync(_factory.CreateAnonymousClient(), username, Password));

    private static HubConnection Hub(HospitalFactory factory, string token) => new HubConnectionBuilder()
        .WithUrl("http://localhost/hubs/operations", o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();
}
