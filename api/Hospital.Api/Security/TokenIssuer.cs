using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hospital.Api.Security;

/// <summary>The token response of <c>POST /api/auth/token</c>.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, IReadOnlyList<string> Roles, string TokenType = "Bearer");

public sealed class TokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    public TokenResponse Issue(string username, IReadOnlyList<string> roles)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, username), new(ClaimTypes.Name, username), new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + o.TokenLifetime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, (int)o.TokenLifetime.TotalSeconds, roles);
    }
}
