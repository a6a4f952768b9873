namespace Hospital.Contracts.Security;

public static class UserNames
{
    /// <summary>How the directory keys a user name: trimmed, lower case.</summary>
    public static string Key(string username) => username.Trim().ToLowerInvariant();
}

/// <summary>A local account. The password hash is made by ASP.NET Core's password hasher; API keys are kept as SHA-256.</summary>
[GenerateSerializer, Immutable, Alias("hospital.user")]
public sealed record UserAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] int FailedSignIns,
    [property: Id(5)] DateTimeOffset? LockedUntil,
    [property: Id(6)] IReadOnlyList<string> ApiKeyHashes,
    [property: Id(7)] DateTimeOffset CreatedAt);

/// <summary>A user as administrators see them (no secrets).</summary>
[GenerateSerializer, Immutable, Alias("hospital.user-view")]
public sealed record UserView(
    [property: Id(0)] string Username,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] bool Disabled,
    [property: Id(3)] DateTimeOffset? LockedUntil,
    [property: Id(4)] int ApiKeys,
    [property: Id(5)] DateTimeOffset CreatedAt)
{
    public static UserView From(UserAccount u) => new(u.Username, u.Roles, u.Disabled, u.LockedUntil, u.ApiKeyHashes.Count, u.CreatedAt);
}

[GenerateSerializer, Alias("hospital.user-directory-state")]
public sealed record UserDirectoryState
{
    [Id(0)] public IReadOnlyDictionary<string, UserAccount> Users { get; init; } = new Dictionary<string, UserAccount>();
    /// <summary>The local token signing key (base64), made once and shared by every api process.</summary>
    [Id(1)] public string? SigningKey { get; init; }
}

/// <summary>The local account store (key 0).</summary>
[Alias("hospital.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Create")] Task<UserView> Create(string username, string passwordHash, IReadOnlyList<string> roles);

    /// <summary>Creates the user only when no user of that name exists yet (first start); returns whether it did.</summary>
    [Alias("Bootstrap")] Task<bool> Bootstrap(string username, string passwordHash, IReadOnlyList<string> roles);

    [Alias("Find"), Orleans.Concurrency.AlwaysInterleave] Task<UserAccount?> Find(string username);

    [Alias("FindByApiKey"), Orleans.Concurrency.AlwaysInterleave] Task<UserAccount?> FindByApiKey(string apiKeyHash);

    [Alias("List"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<UserView>> List();

    /// <summary>The user names (lower case) of disabled accounts: their tokens are refused until enabled again.</summary>
    [Alias("DisabledUsers"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<string>> DisabledUsers();

    [Alias("SetRoles")] Task<UserView> SetRoles(string username, IReadOnlyList<string> roles);

    [Alias("SetPassword")] Task<UserView> SetPassword(string username, string passwordHash);

    [Alias("SetDisabled")] Task<UserView> SetDisabled(string username, bool disabled);

    [Alias("AddApiKey")] Task<UserView> AddApiKey(string username, string apiKeyHash);

    /// <summary>Counts a sign-in: a failure adds to the count and locks the account after too many; a success resets it.</summary>
    [Alias("RecordSignIn")] Task<UserAccount?> RecordSignIn(string username, bool succeeded, int maxFailures, TimeSpan lockout);

    [Alias("GetSigningKey")] Task<string> GetSigningKey();
}
