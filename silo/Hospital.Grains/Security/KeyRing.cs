using System.Security.Cryptography;

namespace Hospital.Grains.Security;

/// <summary>
/// The keys of one purpose by id: new material is made with <see cref="ActiveId"/>'s key, and material made with any
/// key still in the ring is accepted (the overlap window of a rotation). Keys never live in the database: they come
/// from configuration or a mounted secret, from a key file outside the data directory, or are derived (README
/// "Keys").
/// </summary>
public sealed record KeyRing(string Purpose, string ActiveId, IReadOnlyDictionary<string, byte[]> Keys, string Source)
{
    public byte[] Active => Keys[ActiveId];

    public byte[]? Find(string? id) => id is not null && Keys.TryGetValue(id, out var key) ? key : null;

    /// <summary>HMAC-SHA256 of <paramref name="text"/> under key <paramref name="id"/>, lower-case hex; null for an unknown key.</summary>
    public string? Mac(string id, string text) =>
        Find(id) is { } key ? Convert.ToHexString(HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant() : null;
}

/// <summary>Every key ring the platform uses. Api processes sign tokens; silos key the audit chain.</summary>
public sealed record PlatformKeys(KeyRing TokenSigning, KeyRing Audit);
