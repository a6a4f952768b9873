using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Security;

/// <summary>
/// Machine clients: <c>X-Api-Key</c> issued to a user (typically of the Integration role) by an administrator. An
/// address that sent <see cref="ApiKeyFailures.Limit"/> unknown keys within a minute is answered 429 without a look-up
/// until the minute is over.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains, ApiKeyFailures failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    private const string Throttled = "api-key-throttled";

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }

        var address = ClientAddress.Of(Context);
        if (failures.IsBlocked(address))
        {
            Context.Items[Throttled] = true;
            return AuthenticateResult.Fail("Too many unknown API keys from this address.");
        }

        var user = key.Length <= 200 ? await grains.GetGrain<IUserDirectoryGrain>(0).FindByApiKey(Hash(key)) : null;
        if (user is null)
        {
            failures.Count(address);
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user.Username) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(Throttled))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Too many unknown API keys from this address; retry later.").ExecuteAsync(Context);
            return;
        }

        await base.HandleChallengeAsync(properties);
    }
}

/// <summary>Unknown API keys per client address in the current minute (this process's count).</summary>
public sealed class ApiKeyFailures(TimeProvider clock)
{
    public const int Limit = 10;
    private const int MaxAddresses = 100_000;
    private readonly ConcurrentDictionary<string, (long Minute, int Count)> _counts = new(StringComparer.Ordinal);

    private long Minute => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    public bool IsBlocked(string address) => _counts.TryGetValue(address, out var c) && c.Minute == Minute && c.Count >= Limit;

    public void Count(string address)
    {
        if (_counts.Count > MaxAddresses)
        {
            _counts.Clear();
        }

        var minute = Minute;
        _counts.AddOrUpdate(address, (minute, 1), (_, c) => c.Minute == minute ? (minute, c.Count + 1) : (minute, 1));
    }
}
