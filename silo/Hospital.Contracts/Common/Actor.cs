namespace Hospital.Contracts.Common;

/// <summary>
/// Who is acting. The api puts the caller's name in the Orleans request context so that every grain a request
/// touches can record it (journal, audit) without threading it through each method signature.
/// </summary>
public static class Actor
{
    private const string Key = "hospital.actor";
    public const string Anonymous = "anonymous";
    public const string System = "system";

    public static string Current => RequestContext.Get(Key) as string ?? System;

    public static void Set(string actor) => RequestContext.Set(Key, actor);
}
