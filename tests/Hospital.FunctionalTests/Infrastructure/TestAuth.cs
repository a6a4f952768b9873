using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>Tests sign in as the bootstrap admin (or users it creates), exactly as a client of the api does.</summary>
public static class TestAuth
{
    public const string AdminPassword = "test-admin-password";
    public const string BootstrapSetting = "Hospital:Auth:BootstrapAdminPassword";

    public static async Task<string> TokenAsync(HttpClient anonymous, string username = "admin", string password = AdminPassword)
    {
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client of a real api process signed in as the bootstrap admin (started with <see cref="BootstrapSetting"/>).</summary>
    public static async Task<HttpClient> AdminClientAsync(this HospitalProcess process)
    {
        var client = process.CreateClient();
        return client.WithToken(await TokenAsync(client));
    }

    /// <summary>A SignalR connection to the operations hub, authenticated as the bootstrap admin (not started).</summary>
    public static async Task<HubConnection> HubAsync(this HospitalProcess process)
    {
        using var client = process.CreateClient();
        var token = await TokenAsync(client);
        return new HubConnectionBuilder()
            .WithUrl(process.BaseUrl + "/hubs/operations", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
    }

    /// <summary>Creates a user with the given roles (as admin) and returns a client signed in as them.</summary>
    public static async Task<HttpClient> UserClientAsync(HttpClient admin, Func<HttpClient> newClient, params string[] roles)
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..10];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        (await admin.PostAsJsonAsync("/api/admin/users", new { username, password, roles })).EnsureSuccessStatusCode();
        var client = newClient();
        return client.WithToken(await TokenAsync(client, username, password));
    }
}
