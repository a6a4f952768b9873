using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// A client of the api signed in as the bootstrap admin that survives the process behind it being killed: it signs in
/// again after a 401, and sorts every answer into an <see cref="Outcome"/>.
/// </summary>
public sealed class ApiSession(string baseUrl, TimeSpan? timeout = null, Action<string>? onFailure = null) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        BaseAddress = new Uri(baseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(40),
    };

    public HttpClient Http => _http;

    public async Task SignInAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestAuth.TokenAsync(anonymous));
    }

    /// <summary>Sends a write; never throws for what a kill can cause.</summary>
    public async Task<(Outcome Outcome, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await _http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync();
                return (Outcome.Acknowledged, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await TrySignInAsync();
                return (Outcome.Refused, default);
            }

            return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict
                or HttpStatusCode.UnprocessableEntity
                ? (Outcome.Refused, default)
                : Unknown(((int)response.StatusCode).ToString());
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            // Nothing listens (the process is down): the request never left this machine.
            onFailure?.Invoke("refused connection (not sent)");
            return (Outcome.Refused, default);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            return Unknown(e is TaskCanceledException ? "timeout" : e.GetType().Name);
        }
    }

    private (Outcome, JsonElement) Unknown(string cause)
    {
        onFailure?.Invoke(cause);
        return (Outcome.Unknown, default);
    }

    public Task<(Outcome Outcome, JsonElement Body)> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

    /// <summary>A read that must succeed (used once the platform is up): 2xx body, or null for 404.</summary>
    public async Task<JsonElement?> GetAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt < 3)
                {
                    await SignInAsync();
                    continue;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 5)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>A read during traffic: null when the platform is not answering.</summary>
    public async Task<JsonElement?> TryGetAsync(string path)
    {
        try
        {
            using var response = await _http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await TrySignInAsync();
            }

            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            return null;
        }
    }

    private async Task TrySignInAsync()
    {
        try
        {
            await SignInAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Down: the next 401 tries again.
        }
    }

    public void Dispose() => _http.Dispose();
}
