using System.Security.Claims;
using Hospital.Contracts.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hospital.Api.Security;

/// <summary>The token response of <c>POST /api/auth/token</c>.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, IReadOnlyList<string> Roles, string TokenType = "Bearer");

public sealed class TokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The claim holding the account's security stamp when the token was issued.</summary>
    public const string StampClaim = "sst";

    public TokenResponse Issue(UserIdentity user)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Username), new(ClaimTypes.Name, user.Username),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")), new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + o.TokenLifetime,
            SigningCredentials = new SigningCredentials(keys.Active, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, (int)o.TokenLifetime.TotalSeconds, user.Roles);
    }
}
