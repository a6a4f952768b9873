using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>An <c>Idempotency-Key</c> outlives a SIGKILL: a client that retries after the crash gets its first answer back.</summary>
[Collection(IntegrityCollection.Name)]
public sealed class IdempotentRegistrationTests
{
    [Fact]
    public async Task ARegistrationRetriedWithItsKeyAfterAKillReturnsTheSameMrn()
    {
        await using var platform = await CrashPlatform.SqliteAsync();
        using var api = new ApiSession(platform.Api.BaseUrl);
        await api.SignInAsync();
        var family = "Replay" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var requests = Enumerable.Range(0, 5).Select(i => (Key: Guid.NewGuid().ToString(), Body: Requests.Patient($"Retry{(char)('a' + i)}", family))).ToList();
        var first = await Task.WhenAll(requests.Select(r => RegisterAsync(api, r.Key, r.Body)));

        await platform.KillAndRestartAsync(new Random(0));
        await api.SignInAsync();
        var retried = await Task.WhenAll(requests.Select(r => RegisterAsync(api, r.Key, r.Body)));

        Assert.Equal(first, retried);
        var found = await (await api.Http.GetAsync($"/api/patients?name={family}")).ReadJsonAsync();
        Assert.Equal(first.Length, found.GetArrayLength());
    }

    private static async Task<string> RegisterAsync(ApiSession api, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/patients") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("mrn").GetString()!;
    }
}
