using Hospital.Grains.Security;
using Microsoft.IdentityModel.Tokens;

namespace Hospital.Api.Security;

/// <summary>
/// The keys the platform's own tokens are signed with (README "Keys"): tokens are signed with the active key and name
/// it in their <c>kid</c> header; a token signed with any key still in the ring is accepted, so a rotation keeps
/// yesterday's tokens valid until the old key is removed.
/// </summary>
public sealed class SigningKeys(PlatformKeys keys)
{
    private readonly Dictionary<string, SymmetricSecurityKey> _keys =
        keys.TokenSigning.Keys.ToDictionary(k => k.Key, k => new SymmetricSecurityKey(k.Value) { KeyId = k.Key }, StringComparer.Ordinal);

    public SymmetricSecurityKey Active => _keys[keys.TokenSigning.ActiveId];

    /// <summary>The key a token names; none for an unknown <c>kid</c>.</summary>
    public IEnumerable<SecurityKey> Resolve(string? kid) =>
        kid is not null && _keys.TryGetValue(kid, out var key) ? [key] : [];
}
