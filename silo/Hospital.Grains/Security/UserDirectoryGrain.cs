using System.Security.Cryptography;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Security;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Security;

public sealed class UserDirectoryGrain(
    [PersistentState("users", HospitalStorage.Name)] IPersistentState<UserDirectoryState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IUserDirectoryGrain
{
    /// <summary>An attempt whose end never came (its api process died) stops counting after this.</summary>
    private static readonly TimeSpan PendingExpiry = TimeSpan.FromSeconds(30);

    private Dictionary<string, string> _apiKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Address), List<(Guid Ticket, DateTimeOffset At, int FailuresBefore)>> _pending = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Earlier versions kept the token signing key here and issued no stamps: erase the one, issue the others.
        var users = state.State.Users;
        if (state.State.SigningKey is not null || users.Values.Any(u => u.SecurityStamp is null))
        {
            state.State = state.State with
            {
                SigningKey = null,
                Users = users.ToDictionary(u => u.Key, u => u.Value.SecurityStamp is null ? u.Value with { SecurityStamp = NewStamp() } : u.Value),
                SecurityVersion = state.State.SecurityVersion + 1,
            };
            await changes.CommitAsync(this, state, Change.None);
        }

        IndexApiKeys();
    }

    public async Task<UserView> Create(string username, string passwordHash, IReadOnlyList<string> roles)
    {
        var key = UserNames.Key(username);
        if (state.State.Users.ContainsKey(key))
        {
            throw HospitalException.Conflict("User exists", $"User '{username}' already exists.");
        }

        var user = new UserAccount(username, passwordHash, roles.Distinct().ToList(), false, 0, null, [], clock.GetUtcNow()) { SecurityStamp = NewStamp() };
        await Save(key, user, UserEventKind.UserCreated, new UserJournalEvent(username, user.Roles), stampChanged: true);
        return UserView.From(user);
    }

    public async Task<bool> Bootstrap(string username, string passwordHash, IReadOnlyList<string> roles)
    {
        if (state.State.Users.ContainsKey(UserNames.Key(username)))
        {
            return false;
        }

        await Create(username, passwordHash, roles);
        return true;
    }

    public Task<UserAccount?> Find(string username) => Task.FromResult(state.State.Users.GetValueOrDefault(UserNames.Key(username)));

    public Task<UserIdentity?> FindByApiKey(string apiKeyHash) =>
        Task.FromResult(_apiKeys.TryGetValue(apiKeyHash, out var key) && state.State.Users.GetValueOrDefault(key) is { Disabled: false } user
            ? Identity(user) : null);

    public Task<IReadOnlyList<UserView>> List() =>
        Task.FromResult<IReadOnlyList<UserView>>(state.State.Users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).Select(UserView.From).ToList());

    public Task<SecuritySnapshot?> SecurityStamps(long knownVersion) =>
        Task.FromResult(knownVersion == state.State.SecurityVersion && knownVersion != 0 ? null : new SecuritySnapshot(state.State.SecurityVersion,
            state.State.Users.Where(u => !u.Value.Disabled).ToDictionary(u => u.Key, u => u.Value.SecurityStamp ?? "")));

    public async Task<UserView> SetRoles(string username, IReadOnlyList<string> roles)
    {
        var user = Existing(username) with { Roles = roles.Distinct().ToList(), SecurityStamp = NewStamp() };
        await Save(UserNames.Key(username), user, UserEventKind.UserRolesChanged, new UserJournalEvent(username, user.Roles), stampChanged: true);
        return UserView.From(user);
    }

    public async Task<UserView> SetPassword(string username, string passwordHash)
    {
        var user = Existing(username) with { PasswordHash = passwordHash, FailedSignIns = 0, LockedUntil = null, Addresses = null, SecurityStamp = NewStamp() };
        await Save(UserNames.Key(username), user, UserEventKind.UserPasswordChanged, new UserJournalEvent(username), stampChanged: true);
        return UserView.From(user);
    }

    public async Task<UserView> SetDisabled(string username, bool disabled)
    {
        var user = Existing(username) with { Disabled = disabled, SecurityStamp = NewStamp() };
        await Save(UserNames.Key(username), user, disabled ? UserEventKind.UserDisabled : UserEventKind.UserEnabled, new UserJournalEvent(username), stampChanged: true);
        return UserView.From(user);
    }

    public async Task Delete(string username)
    {
        var key = UserNames.Key(username);
        var user = Existing(username);
        var users = state.State.Users.ToDictionary();
        users.Remove(key);
        state.State = state.State with { Users = users, SecurityVersion = state.State.SecurityVersion + 1 };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(nameof(UserEventKind.UserDeleted), "user:" + user.Username, null, new UserJournalEvent(user.Username), clock.GetUtcNow())],
        });
        IndexApiKeys();
    }

    public async Task<UserView> AddApiKey(string username, string apiKeyHash)
    {
        var user = Existing(username);
        user = user with { ApiKeyHashes = [.. user.ApiKeyHashes, apiKeyHash] };
        await Save(UserNames.Key(username), user, UserEventKind.UserApiKeyIssued, new UserJournalEvent(username, Keys: user.ApiKeyHashes.Count));
        return UserView.From(user);
    }

    public Task<SignInAttempt?> BeginSignIn(string username, string address, SignInPolicy policy)
    {
        if (state.State.Users.GetValueOrDefault(UserNames.Key(username)) is not { Disabled: false } user)
        {
            return Task.FromResult<SignInAttempt?>(null);
        }

        var now = clock.GetUtcNow();
        var here = user.Addresses?.GetValueOrDefault(address);
        var accountLock = here?.LastSuccess is null && user.LockedUntil is { } until && until > now ? until : (DateTimeOffset?)null;
        if (here?.LockedUntil is { } locked && locked > now || accountLock is not null)
        {
            var retry = new[] { here?.LockedUntil, accountLock }.Where(t => t > now).Max();
            return Task.FromResult<SignInAttempt?>(new SignInAttempt(false, null, retry));
        }

        // Attempts being checked may all fail: together with the failures so far they stay within what the address
        // may fail before it waits. Past that threshold, one at a time.
        var key = (UserNames.Key(username), address);
        var pending = _pending.TryGetValue(key, out var tickets) ? tickets : _pending[key] = [];
        pending.RemoveAll(t => now - t.At > PendingExpiry);
        var failures = here?.Failures ?? 0;
        if (pending.Count > 0 && failures + pending.Count >= policy.MaxFailures)
        {
            return Task.FromResult<SignInAttempt?>(new SignInAttempt(false, null, null) { Busy = true });
        }

        var ticket = Guid.NewGuid();
        pending.Add((ticket, now, failures));
        return Task.FromResult<SignInAttempt?>(new SignInAttempt(true, user.PasswordHash, null) { Ticket = ticket });
    }

    public async Task<UserIdentity?> CompleteSignIn(string username, string address, Guid ticket, bool succeeded, SignInPolicy policy)
    {
        var key = (UserNames.Key(username), address);
        var failuresBefore = 0;
        if (_pending.TryGetValue(key, out var pending))
        {
            failuresBefore = pending.FirstOrDefault(t => t.Ticket == ticket).FailuresBefore;
            pending.RemoveAll(t => t.Ticket == ticket);
            if (pending.Count == 0)
            {
                _pending.Remove(key);
            }
        }

        if (state.State.Users.GetValueOrDefault(key.Item1) is not { Disabled: false } user)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var addresses = user.Addresses?.ToDictionary() ?? [];
        var here = addresses.GetValueOrDefault(address) ?? new AddressSignIns(0, null, null, now);
        if (succeeded)
        {
            // Only the failures counted before this attempt began are forgiven: guesses that failed while it was being
            // checked stay counted, and a wait they imposed stays.
            var since = Math.Max(0, here.Failures - failuresBefore);
            addresses[address] = since > 0 ? here with { Failures = since, LastSuccess = now, LastAttempt = now } : new AddressSignIns(0, null, now, now);
            var signedIn = user with { Addresses = Trim(addresses), FailedSignIns = 0, LockedUntil = null };
            await Save(key.Item1, signedIn);
            return Identity(signedIn);
        }

        var failures = here.Failures + 1;
        var delay = policy.Delay(failures);
        addresses[address] = here with { Failures = failures, LockedUntil = delay > TimeSpan.Zero ? now + delay : null, LastAttempt = now };
        var stranger = here.LastSuccess is null;
        var strangerFailures = stranger ? user.FailedSignIns + 1 : user.FailedSignIns;
        var strangerDelay = policy.Delay(strangerFailures - policy.StrangerFailures + policy.MaxFailures);
        var next = user with
        {
            Addresses = Trim(addresses),
            FailedSignIns = strangerFailures,
            LockedUntil = stranger && strangerDelay > TimeSpan.Zero ? now + strangerDelay : user.LockedUntil,
        };
        var lockedOut = delay > TimeSpan.Zero && policy.Delay(failures - 1) == TimeSpan.Zero;
        await Save(key.Item1, next, lockedOut ? UserEventKind.UserLockedOut : null, lockedOut ? new UserJournalEvent(user.Username, Until: now + delay) : null);
        return null;
    }

    private static Dictionary<string, AddressSignIns> Trim(Dictionary<string, AddressSignIns> addresses) =>
        addresses.Count <= SignInPolicy.AddressesKept ? addresses
            : addresses.OrderByDescending(a => a.Value.LastAttempt).Take(SignInPolicy.AddressesKept).ToDictionary();

    private static UserIdentity Identity(UserAccount user) => new(user.Username, user.Roles, user.SecurityStamp ?? "");

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private UserAccount Existing(string username) =>
        state.State.Users.GetValueOrDefault(UserNames.Key(username)) ?? throw HospitalException.NotFound("User", username);

    private void IndexApiKeys() =>
        _apiKeys = state.State.Users.SelectMany(u => u.Value.ApiKeyHashes.Select(h => (h, u.Key))).GroupBy(p => p.h).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    /// <summary>Commits the account with the journal line that says what changed, in one transaction.</summary>
    private async Task Save(string key, UserAccount user, UserEventKind? kind = null, UserJournalEvent? payload = null, bool stampChanged = false)
    {
        var users = state.State.Users.ToDictionary();
        users[key] = user;
        state.State = state.State with { Users = users, SecurityVersion = state.State.SecurityVersion + (stampChanged ? 1 : 0) };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = kind is { } k ? [JournalExtensions.Line(k.ToString(), "user:" + payload!.Username, null, payload, clock.GetUtcNow())] : [],
        });
        IndexApiKeys();
    }
}
