using System.Net;
using System.Net.Http.Json;
using Hospital.Api.Security;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Security;

/// <summary>
/// Password guessing against the sign-in endpoint and API keys, from client addresses the tests choose: what is
/// evaluated, who waits and for how long, and that the user's own addresses keep working.
/// </summary>
public sealed class SignInHardeningTests : IDisposable
{
    private const string Password = "a-passphrase-nobody-guesses";
    private readonly List<ClientAddressFactory> _hospitals = [];

    public void Dispose() => _hospitals.ForEach(h => h.Dispose());

    [Fact]
    public async Task TwentyWrongPasswordsSentAtOnceFromOneAddressAreCheckedOnlyFiveTimes()
    {
        var hospital = Hospital();
        var username = await UserAsync(hospital);
        var client = hospital.ClientAt("10.0.0.1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInAsync(client, username, "wrong-password-" + i)));

        Assert.Equal((5, 15), (answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized), answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests)));
    }

    [Fact]
    public async Task ACorrectPasswordSentAmongConcurrentGuessesNeitherBuysMoreGuessesNorLiftsTheWait()
    {
        var hospital = Hospital();
        var username = await UserAsync(hospital);
        var client = hospital.ClientAt("10.0.0.1");

        var correct = SignInAsync(client, username, Password);
        var guesses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInAsync(client, username, "wrong-password-" + i)));
        await correct;
        var afterwards = await SignInAsync(client, username, Password);

        Assert.InRange(guesses.Count(a => a.StatusCode == HttpStatusCode.Unauthorized), 0, 5);
        Assert.All(guesses, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Equal(HttpStatusCode.TooManyRequests, afterwards.StatusCode);
    }

    [Fact]
    public async Task AStrangerFailingFromOtherAddressesLocksOutNewAddressesButNotOneTheUserSignedInFrom()
    {
        var hospital = Hospital(("Hospital:Auth:MaxStrangerFailures", "10"), ("Hospital:Auth:FirstLockout", "00:00:01"));
        var username = await UserAsync(hospital);
        var home = hospital.ClientAt("10.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(home, username, Password)).StatusCode);

        // Two stranger addresses fail until each is made to wait (5), and together past the strangers' limit (10).
        await FailAsync(username, failures: 12, hospital.ClientAt("10.0.0.2"), hospital.ClientAt("10.0.0.3"));
        var newcomer = await SignInAsync(hospital.ClientAt("10.0.0.4"), username, Password);
        var user = await SignInAsync(home, username, Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, newcomer.StatusCode);
        Assert.NotNull(newcomer.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task EachLockOfAnAddressLastsLongerThanTheOneBefore()
    {
        var hospital = Hospital(("Hospital:Auth:FirstLockout", "00:00:01"));
        var username = await UserAsync(hospital);
        var client = hospital.ClientAt("10.0.0.1");

        await FailAsync(username, failures: 5, client);
        var first = await SignInAsync(client, username, Password);
        await Task.Delay(first.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(100));
        await FailAsync(username, failures: 1, client);
        var second = await SignInAsync(client, username, Password);

        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        Assert.True(second.Headers.RetryAfter!.Delta > first.Headers.RetryAfter!.Delta,
            $"second wait {second.Headers.RetryAfter.Delta}, first {first.Headers.RetryAfter.Delta}");
    }

    [Fact]
    public async Task ASuccessfulSignInStartsTheAddressesCountAfresh()
    {
        var hospital = Hospital();
        var username = await UserAsync(hospital);
        var client = hospital.ClientAt("10.0.0.1");
        await FailAsync(username, failures: 4, client);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, username, Password)).StatusCode);

        var again = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            again.Add((await SignInAsync(client, username, "wrong-password")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], again);
    }

    [Fact]
    public async Task TenUnknownApiKeysMakeTheAddressWaitEvenWithAValidKeyWhileOtherAddressesDoNot()
    {
        var clock = new StoppedClock(DateTimeOffset.UtcNow);
        var hospital = Hospital().WithServices(s => s.AddSingleton(new ApiKeyFailures(clock)));
        var key = await ApiKeyAsync(hospital);
        var guesser = hospital.ClientAt("10.0.0.1");

        var unknown = new List<HttpStatusCode>();
        for (var i = 0; i < ApiKeyFailures.Limit; i++)
        {
            unknown.Add((await MeAsync(guesser, "ohk_guess" + i)).StatusCode);
        }

        var valid = await MeAsync(guesser, key);
        var elsewhere = await MeAsync(hospital.ClientAt("10.0.0.2"), key);
        clock.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await MeAsync(guesser, key);

        Assert.All(unknown, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
        Assert.NotNull(valid.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
    }

    private ClientAddressFactory Hospital(params (string Key, string Value)[] settings)
    {
        var hospital = new ClientAddressFactory();
        foreach (var (key, value) in settings)
        {
            hospital.With(key, value);
        }

        _hospitals.Add(hospital);
        return hospital;
    }

    private static async Task<string> UserAsync(ClientAddressFactory hospital)
    {
        var username = "nurse" + Guid.NewGuid().ToString("N")[..8];
        (await hospital.CreateClient().PostAsJsonAsync("/api/admin/users", new { username, password = Password, roles = new[] { "Nurse" } })).EnsureSuccessStatusCode();
        return username;
    }

    private static async Task<string> ApiKeyAsync(ClientAddressFactory hospital)
    {
        var admin = hospital.CreateClient();
        var username = "lab" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/admin/users", new { username, password = Password, roles = new[] { "Integration" } })).EnsureSuccessStatusCode();
        return (await (await admin.PostAsync($"/api/admin/users/{username}/api-keys", null)).ReadJsonAsync()).GetProperty("apiKey").GetString()!;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username, password });

    private static Task<HttpResponseMessage> MeAsync(HttpClient client, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("X-Api-Key", apiKey);
        return client.SendAsync(request);
    }

    /// <summary>Wrong passwords from the clients in turn, waiting out each 429, until <paramref name="failures"/> were evaluated.</summary>
    private static async Task FailAsync(string username, int failures, params HttpClient[] clients)
    {
        for (var (sent, evaluated) = (0, 0); evaluated < failures; sent++)
        {
            var answer = await SignInAsync(clients[sent % clients.Length], username, "wrong-password");
            if (answer.StatusCode == HttpStatusCode.Unauthorized)
            {
                evaluated++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
                await Task.Delay(answer.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
