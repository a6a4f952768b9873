using Hospital.Contracts.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Hospital.Api.Security;

/// <summary>
/// The key the platform signs its own tokens with: from <c>Hospital:Auth:SigningKey</c>, or made once and kept in the
/// user directory grain so every api process of the cluster shares it. Loaded when the process starts.
/// </summary>
public sealed class SigningKeys(IGrainFactory grains, IOptions<AuthOptions> options)
{
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("Signing key not loaded yet.");

    public async Task LoadAsync()
    {
        var configured = options.Value.SigningKey;
        var material = configured is { Length: > 0 }
            ? Convert.FromBase64String(configured)
            : Convert.FromBase64String(await grains.GetGrain<IUserDirectoryGrain>(0).GetSigningKey());
        _key = new SymmetricSecurityKey(material) { KeyId = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(material))[..16] };
    }

    public static bool IsValidConfiguredKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return true;
        }

        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var length) && length >= 32;
    }
}
