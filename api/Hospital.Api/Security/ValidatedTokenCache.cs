using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hospital.Api.Security;

/// <summary>
/// Validates the platform's own tokens once and remembers the outcome until the token expires (at most
/// <see cref="MaxAge"/>), so a client sending the same bearer token on every request pays for signature checking and
/// claim parsing once. Only valid tokens are remembered, keyed by the whole token; each request gets its own copy of
/// the identity. Whatever must be checked on every request (a disabled account) is checked after this, in
/// <c>OnTokenValidated</c>, so remembering changes no outcome.
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = DateTime.UtcNow;
        if (_valid.TryGetValue(token, out var entry))
        {
            if (entry.Until > now)
            {
                return Copy(entry.Result);
            }

            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated && validated.ValidTo > now)
        {
            if (_valid.Count >= MaxEntries)
            {
                _valid.Clear();
            }

            var until = validated.ValidTo < now + MaxAge ? validated.ValidTo : now + MaxAge;
            _valid[token] = new Entry(result, until);
            return Copy(result);
        }

        return result;
    }

    /// <summary>A valid result with an identity of its own, so no request can change what another one sees.</summary>
    private static TokenValidationResult Copy(TokenValidationResult valid) => new()
    {
        IsValid = true,
        ClaimsIdentity = valid.ClaimsIdentity.Clone(),
        SecurityToken = valid.SecurityToken,
        Issuer = valid.Issuer,
        TokenType = valid.TokenType,
    };

    private sealed record Entry(TokenValidationResult Result, DateTime Until);
}
