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
    public async Task<UserView> Create(string username, string passwordHash, IReadOnlyList<string> roles)
    {
        var key = UserNames.Key(username);
        if (state.State.Users.ContainsKey(key))
        {
            throw HospitalException.Conflict("User exists", $"User '{username}' already exists.");
        }

        var user = new UserAccount(username, passwordHash, roles.Distinct().ToList(), false, 0, null, [], clock.GetUtcNow());
        await Save(key, user, UserEventKind.UserCreated, new UserJournalEvent(username, user.Roles));
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

    public Task<UserAccount?> FindByApiKey(string apiKeyHash) =>
        Task.FromResult(state.State.Users.Values.FirstOrDefault(u => !u.Disabled && u.ApiKeyHashes.Contains(apiKeyHash)));

    public Task<IReadOnlyList<UserView>> List() =>
        Task.FromResult<IReadOnlyList<UserView>>(state.State.Users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).Select(UserView.From).ToList());

    public Task<IReadOnlyList<string>> DisabledUsers() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Users.Where(u => u.Value.Disabled).Select(u => u.Key).ToList());

    public async Task<UserView> SetRoles(string username, IReadOnlyList<string> roles)
    {
        var user = Existing(username) with { Roles = roles.Distinct().ToList() };
        await Save(UserNames.Key(username), user, UserEventKind.UserRolesChanged, new UserJournalEvent(username, user.Roles));
        return UserView.From(user);
    }

    public async Task<UserView> SetPassword(string username, string passwordHash)
    {
        var user = Existing(username) with { PasswordHash = passwordHash, FailedSignIns = 0, LockedUntil = null };
        await Save(UserNames.Key(username), user, UserEventKind.UserPasswordChanged, new UserJournalEvent(username));
        return UserView.From(user);
    }

    public async Task<UserView> SetDisabled(string username, bool disabled)
    {
        var user = Existing(username) with { Disabled = disabled };
        await Save(UserNames.Key(username), user, disabled ? UserEventKind.UserDisabled : UserEventKind.UserEnabled, new UserJournalEvent(username));
        return UserView.From(user);
    }

    public async Task<UserView> AddApiKey(string username, string apiKeyHash)
    {
        var user = Existing(username);
        user = user with { ApiKeyHashes = [.. user.ApiKeyHashes, apiKeyHash] };
        await Save(UserNames.Key(username), user, UserEventKind.UserApiKeyIssued, new UserJournalEvent(username, Keys: user.ApiKeyHashes.Count));
        return UserView.From(user);
    }

    public async Task<UserAccount?> RecordSignIn(string username, bool succeeded, int maxFailures, TimeSpan lockout)
    {
        if (state.State.Users.GetValueOrDefault(UserNames.Key(username)) is not { } user)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var next = succeeded
            ? user with { FailedSignIns = 0, LockedUntil = null }
            : user.FailedSignIns + 1 >= maxFailures
                ? user with { FailedSignIns = 0, LockedUntil = now + lockout }
                : user with { FailedSignIns = user.FailedSignIns + 1 };
        if (next.LockedUntil is { } until && user.LockedUntil != until)
        {
            await Save(UserNames.Key(username), next, UserEventKind.UserLockedOut, new UserJournalEvent(username, Until: until));
        }
        else if (next != user)
        {
            await Save(UserNames.Key(username), next);
        }

        return next;
    }

    public async Task<string> GetSigningKey()
    {
        if (state.State.SigningKey is { } key)
        {
            return key;
        }

        state.State = state.State with { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) };
        await changes.CommitAsync(this, state, Change.None);
        return state.State.SigningKey!;
    }

    private UserAccount Existing(string username) =>
        state.State.Users.GetValueOrDefault(UserNames.Key(username)) ?? throw HospitalException.NotFound("User", username);

    /// <summary>Commits the account with the journal line that says what changed, in one transaction.</summary>
    private async Task Save(string key, UserAccount user, UserEventKind? kind = null, UserJournalEvent? payload = null)
    {
        var users = state.State.Users.ToDictionary();
        users[key] = user;
        state.State = state.State with { Users = users };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = kind is { } k ? [JournalExtensions.Line(k.ToString(), "user:" + payload!.Username, null, payload, clock.GetUtcNow())] : [],
        });
    }
}
