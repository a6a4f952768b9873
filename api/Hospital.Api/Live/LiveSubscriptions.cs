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

    /// <summary>
    /// The distinct connections in any of <paramref name="groups"/>, as a list whose <c>Contains</c> is a set lookup
    /// (SignalR checks exclusions with <c>Enumerable.Contains</c>, which uses <see cref="ICollection{T}.Contains"/>).
    /// </summary>
    public ConnectionSet Members(IEnumerable<string> groups)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (_groups.TryGetValue(group, out var connections))
            {
                foreach (var connection in connections)
                {
                    members.Add(connection.Key);
                }
            }
        }

        return new ConnectionSet(members);
    }
}

/// <summary>Connection ids with constant-time membership; read-only.</summary>
public sealed class ConnectionSet(HashSet<string> ids) : IReadOnlyList<string>, ICollection<string>
{
    private List<string>? _list;

    private List<string> List => _list ??= [.. ids];

    public int Count => ids.Count;

    public bool IsReadOnly => true;

    public string this[int index] => List[index];

    public bool Contains(string item) => ids.Contains(item);

    public void CopyTo(string[] array, int arrayIndex) => ids.CopyTo(array, arrayIndex);

    public IEnumerator<string> GetEnumerator() => ids.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public bool Remove(string item) => throw new NotSupportedException();
}
