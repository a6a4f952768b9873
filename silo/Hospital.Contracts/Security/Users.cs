namespace Hospital.Contracts.Security;

public static class UserNames
{
    /// <summary>How the directory keys a user name: trimmed, lower case.</summary>
    public static string Key(string username) => username.Trim().ToLowerInvariant();
}

/// <summary>
/// A local account. The password hash is made by ASP.NET Core's password hasher; API keys are kept as SHA-256. The
/// security stamp changes whenever what a token says about the account stops being true (roles, password, disabled,
/// deleted): a token carries the stamp it was issued with and is refused once it differs.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.user")]
public sealed record UserAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] int FailedSignIns,
    [property: Id(5)] DateTimeOffset? LockedUntil,
    [property: Id(6)] IReadOnlyList<string> ApiKeyHashes,
    [property: Id(7)] DateTimeOffset CreatedAt)
{
    [Id(8)] public string? SecurityStamp { get; init; }

    /// <summary>Sign-in attempts by client address (the most recent <see cref="SignInPolicy.AddressesKept"/>).</summary>
    [Id(9)] public IReadOnlyDictionary<string, AddressSignIns>? Addresses { get; init; }
}

/// <summary>Consecutive failures from one client address, its lock, and when it last signed in successfully.</summary>
[GenerateSerializer, Immutable, Alias("hospital.address-sign-ins")]
public sealed record AddressSignIns(
    [property: Id(0)] int Failures,
    [property: Id(1)] DateTimeOffset? LockedUntil,
    [property: Id(2)] DateTimeOffset? LastSuccess,
    [property: Id(3)] DateTimeOffset LastAttempt);

/// <summary>
/// How sign-in failures slow down guessing. After <see cref="MaxFailures"/> consecutive failures from one address,
/// each further failure locks that address out of the account for a delay that doubles from
/// <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>. Failures from addresses that never signed in to the account
/// also count together: past <see cref="StrangerFailures"/> of them every such address waits the same way, while
/// addresses the user has signed in from keep working, so a stranger cannot lock a user out from elsewhere.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.sign-in-policy")]
public sealed record SignInPolicy(
    [property: Id(0)] int MaxFailures,
    [property: Id(1)] TimeSpan FirstDelay,
    [property: Id(2)] TimeSpan MaxDelay,
    [property: Id(3)] int StrangerFailures)
{
    public const int AddressesKept = 50;

    public TimeSpan Delay(int failures)
    {
        if (failures < MaxFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - MaxFailures, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}

/// <summary>
/// What the directory answers to a sign-in attempt: the hash to verify and the attempt's ticket, or that the address
/// must wait (<see cref="RetryAfter"/>), or that as many attempts as the address may still fail are being checked
/// now (<see cref="Busy"/>: ask again in a moment).
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.sign-in-attempt")]
public sealed record SignInAttempt(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] string? PasswordHash,
    [property: Id(2)] DateTimeOffset? RetryAfter)
{
    [Id(3)] public Guid Ticket { get; init; }
    [Id(4)] public bool Busy { get; init; }
}

/// <summary>What a token must match: the account's stamp (tokens of disabled or deleted accounts match nothing).</summary>
[GenerateSerializer, Immutable, Alias("hospital.security-snapshot")]
public sealed record SecuritySnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, string> Stamps);

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

/// <summary>A signed-in user's identity as a token states it.</summary>
[GenerateSerializer, Immutable, Alias("hospital.user-identity")]
public sealed record UserIdentity(
    [property: Id(0)] string Username,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] string SecurityStamp);

[GenerateSerializer, Alias("hospital.user-directory-state")]
public sealed record UserDirectoryState
{
    [Id(0)] public IReadOnlyDictionary<string, UserAccount> Users { get; init; } = new Dictionary<string, UserAccount>();

    /// <summary>No longer used: a token signing key kept here by earlier versions, erased when the directory activates.</summary>
    [Id(1)] public string? SigningKey { get; init; }

    /// <summary>Goes up with every change of a stamp, so api processes re-read stamps only when something changed.</summary>
    [Id(2)] public long SecurityVersion { get; init; }
}

/// <summary>The local account store (key 0).</summary>
[Alias("hospital.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Create")] Task<UserView> Create(string username, string passwordHash, IReadOnlyList<string> roles);

    /// <summary>Creates the user only when no user of that name exists yet (first start); returns whether it did.</summary>
    [Alias("Bootstrap")] Task<bool> Bootstrap(string username, string passwordHash, IReadOnlyList<string> roles);

    [Alias("Find"), Orleans.Concurrency.AlwaysInterleave] Task<UserAccount?> Find(string username);

    [Alias("FindByApiKey"), Orleans.Concurrency.AlwaysInterleave] Task<UserIdentity?> FindByApiKey(string apiKeyHash);

    [Alias("List"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<UserView>> List();

    /// <summary>The stamps of enabled accounts, or null when nothing changed since <paramref name="knownVersion"/>.</summary>
    [Alias("SecurityStamps"), Orleans.Concurrency.AlwaysInterleave] Task<SecuritySnapshot?> SecurityStamps(long knownVersion);

    [Alias("SetRoles")] Task<UserView> SetRoles(string username, IReadOnlyList<string> roles);

    [Alias("SetPassword")] Task<UserView> SetPassword(string username, string passwordHash);

    [Alias("SetDisabled")] Task<UserView> SetDisabled(string username, bool disabled);

    [Alias("Delete")] Task Delete(string username);

    [Alias("AddApiKey")] Task<UserView> AddApiKey(string username, string apiKeyHash);

    /// <summary>
    /// Starts a sign-in attempt from <paramref name="address"/>: answers the hash to check the password against, or that
    /// the address must wait. Attempts being checked count against what the address may still fail, so guesses sent
    /// at once never get more tries than guesses sent one after another. Null for an unknown or disabled user.
    /// </summary>
    [Alias("BeginSignIn")] Task<SignInAttempt?> BeginSignIn(string username, string address, SignInPolicy policy);

    /// <summary>
    /// Ends the attempt: a failure is counted (and may make the address wait), a success clears the address's count and
    /// makes it a known address of the user, answering who signed in.
    /// </summary>
    [Alias("CompleteSignIn")] Task<UserIdentity?> CompleteSignIn(string username, string address, Guid ticket, bool succeeded, SignInPolicy policy);
}
