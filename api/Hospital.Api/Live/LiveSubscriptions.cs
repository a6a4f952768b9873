using System.Collections.Concurrent;

namespace Hospital.Api.Live;

/// <summary>
/// Which connections of this process listen to which group, so an event for several groups (a transfer between wards,
/// a census change for a ward and the hospital) reaches a connection in more than one of them once.
/// </summary>
public sealed class LiveSubscriptions
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _groups = new(StringComparer.Ordinal);

    public void Add(string group, string connectionId) =>
        _groups.GetOrAdd(group, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[connectionId] = 0;

    public void Remove(string group, string connectionId)
    {
        if (_groups.TryGetValue(group, out var members))
        {
            members.TryRemove(connectionId, out _);
        }
    }

    public void RemoveConnection(string connectionId)
    {
        foreach (var members in _groups.Values)
        {
            members.TryRemove(connectionId, out _);
        }
    }

    /// <summary>The distinct connections in any of <paramref name="groups"/>.</summary>
    public IReadOnlyList<string> Members(IEnumerable<string> groups)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (_groups.TryGetValue(group, out var connections))
            {
                members.UnionWith(connections.Keys);
            }
        }

        return members.ToList();
    }
}
