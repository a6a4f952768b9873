namespace Hospital.Contracts.Common;

/// <summary>
/// Who is acting. The api puts the caller's name in the Orleans request context so that every grain a request
/// touches can record it (journal, audit) without threading it through each method signature.
/// </summary>
public static class Actor
{
    private const string Key = "hospital.actor";
    private const string RolesKey = "hospital.roles";
    public const string Anonymous = "anonymous";
    public const string System = "system";

    public static string Current => RequestContext.Get(Key) as string ?? System;

    /// <summary>The caller's roles, or null for calls the platform makes itself (reminders, timers, seeding).</summary>
    public static IReadOnlyList<string>? Roles => RequestContext.Get(Key) is null
        ? null
        : (RequestContext.Get(RolesKey) as string)?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public static void Set(string actor) => RequestContext.Set(Key, actor);

    /// <summary>Marks the current call chain as made on behalf of <paramref name="actor"/> holding <paramref name="roles"/>.</summary>
    public static void Set(string actor, IEnumerable<string> roles)
    {
        RequestContext.Set(Key, actor);
        RequestContext.Set(RolesKey, string.Join(',', roles));
    }

    /// <summary>
    /// Runs <paramref name="work"/> as a call the platform makes itself (no caller roles): for a grain's own lookups that
    /// the caller's role may not make directly, such as an account reading its admission for a Billing user.
    /// </summary>
    public static async Task<T> AsPlatform<T>(Func<Task<T>> work)
    {
        var actor = RequestContext.Get(Key);
        var roles = RequestContext.Get(RolesKey);
        RequestContext.Remove(Key);
        RequestContext.Remove(RolesKey);
        try
        {
            return await work();
        }
        finally
        {
            if (actor is not null) RequestContext.Set(Key, actor);
            if (roles is not null) RequestContext.Set(RolesKey, roles);
        }
    }
}
