using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.FunctionalTests.Security;

/// <summary>Revocation reaches every api process of a cluster: a changed account's tokens stop working everywhere within 2 s.</summary>
public sealed class ClusterRevocationTests
{
    [Fact]
    public async Task ARoleChangeOnOneApiProcessRefusesTheOldTokenOnAnotherWithinTwoSecondsAndClosesItsHubConnection()
    {
        var cluster = await LocalCluster.SettingsAsync();
        await using var silo = await LocalCluster.SiloAsync(cluster);
        await using var first = await LocalCluster.ApiAsync(cluster);
        await using var second = await LocalCluster.ApiAsync(cluster);
        var admin = await first.AdminClientAsync();
        var username = "c" + Guid.NewGuid().ToString("N")[..10];
        const string password = "cluster-revocation-password";
        (await admin.PostAsJsonAsync("/api/admin/users", new { username, password, roles = new[] { "Nurse" } })).EnsureSuccessStatusCode();
        var token = await TestAuth.TokenAsync(first.CreateClient(), username, password);
        var elsewhere = second.CreateClient().WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/census")).StatusCode);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(second.BaseUrl + "/hubs/operations", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeHospital");

        (await admin.PutAsJsonAsync($"/api/admin/users/{username}/roles", new { roles = new[] { "Billing" } })).EnsureSuccessStatusCode();
        var changed = Stopwatch.StartNew();
        while ((await elsewhere.GetAsync("/api/census")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(changed.Elapsed < TimeSpan.FromSeconds(2), "the old token still works on the other api process after 2 s");
            await Task.Delay(50);
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(3));
    }
}
