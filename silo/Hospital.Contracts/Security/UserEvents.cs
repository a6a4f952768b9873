namespace Hospital.Contracts.Security;

/// <summary>What happened to a user account (the journal's entity is <c>user:</c> and the user name).</summary>
public enum UserEventKind
{
    UserCreated,
    UserRolesChanged,
    UserPasswordChanged,
    UserDisabled,
    UserEnabled,
    UserApiKeyIssued,
    UserLockedOut,
    UserDeleted,
}

/// <summary>A user account's change: never a password or key, only what changed about them.</summary>
public sealed record UserJournalEvent(string Username, IReadOnlyList<string>? Roles = null, int? Keys = null, DateTimeOffset? Until = null);
