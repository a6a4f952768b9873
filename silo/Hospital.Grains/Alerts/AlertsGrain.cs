using Hospital.Contracts.Alerts;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Live;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Alerts;

public sealed class AlertsGrain(
    [PersistentState("alerts", HospitalStorage.Name)] IPersistentState<AlertsState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IAlertsGrain
{
    private const int ResolvedKept = 1000;
    private const int AppliedKept = 2000;

    /// <summary>How long an ended condition remembers its sender's version against a late, older message.</summary>
    private static readonly TimeSpan MarkKept = TimeSpan.FromDays(1);

    public async Task Apply(AlertChangesMessage message)
    {
        if (state.State.Applied.Contains(message.MessageId))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var active = state.State.Active.ToDictionary();
        var resolved = state.State.RecentlyResolved.ToList();
        var marks = state.State.Versions.ToDictionary();
        var events = new List<(AlertEventKind Kind, Alert Alert)>();
        bool Current(string key)
        {
            if (marks.TryGetValue(key, out var mark) && mark.Version >= message.Version)
            {
                return false;
            }

            marks[key] = new AlertMark(message.Version, now);
            return true;
        }

        foreach (var key in message.Resolve.Where(Current))
        {
            if (active.Remove(key, out var alert))
            {
                var ended = alert with { Status = AlertStatus.Resolved, ResolvedAt = now, Version = alert.Version + 1 };
                resolved.Add(ended);
                events.Add((AlertEventKind.AlertResolved, ended));
            }
        }

        foreach (var condition in message.Raise.Where(c => Current(c.Key)))
        {
            if (!active.TryGetValue(condition.Key, out var alert))
            {
                // One condition, one alert: it is opened only when none is active for its key.
                active[condition.Key] = new Alert("A" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), condition.Kind, condition.Severity,
                    condition.WardId, condition.Subject, condition.Message, now, AlertStatus.Open, condition.Key, 1, PatientMrn: condition.PatientMrn);
                events.Add((AlertEventKind.AlertRaised, active[condition.Key]));
            }
            else if (alert.Severity != condition.Severity || alert.Message != condition.Message)
            {
                // Escalation or de-escalation of the same condition: one alert, changed.
                active[condition.Key] = alert with { Severity = condition.Severity, Message = condition.Message, Version = alert.Version + 1 };
                events.Add((AlertEventKind.AlertChanged, active[condition.Key]));
            }
        }

        state.State = new AlertsState
        {
            Active = active,
            RecentlyResolved = resolved.TakeLast(ResolvedKept).ToList(),
            Applied = [.. state.State.Applied.TakeLast(AppliedKept - 1), message.MessageId],
            Versions = marks.Where(m => active.ContainsKey(m.Key) || now - m.Value.At < MarkKept).ToDictionary(),
        };
        await changes.CommitAsync(this, state, new Change { Journal = events.Select(e => Line(e.Kind, e.Alert, now)).ToList() });
        await Publish(events);
    }

    public async Task<Alert> Acknowledge(string alertId)
    {
        var alert = Find(alertId) ?? throw HospitalException.NotFound("Alert", alertId);
        if (alert.Status == AlertStatus.Acknowledged)
        {
            return alert;
        }

        if (alert.Status == AlertStatus.Resolved)
        {
            throw HospitalException.Conflict("Alert resolved", $"Alert '{alertId}' is already resolved.");
        }

        var now = clock.GetUtcNow();
        var acknowledged = alert with
        {
            Status = AlertStatus.Acknowledged, AcknowledgedAt = now, AcknowledgedBy = Actor.Current, Version = alert.Version + 1,
        };
        var active = state.State.Active.ToDictionary();
        active[acknowledged.Key] = acknowledged;
        state.State = state.State with { Active = active };
        await changes.CommitAsync(this, state, new Change { Journal = [Line(AlertEventKind.AlertAcknowledged, acknowledged, now)] });
        await Publish([(AlertEventKind.AlertAcknowledged, acknowledged)]);
        return acknowledged;
    }

    public Task<IReadOnlyList<Alert>> Query(AlertQuery query)
    {
        IEnumerable<Alert> alerts = query.Status == AlertStatus.Resolved
            ? state.State.RecentlyResolved
            : query.Status is null ? state.State.Active.Values.Concat(state.State.RecentlyResolved) : state.State.Active.Values;
        var result = alerts
            .Where(a => query.Status is null || a.Status == query.Status)
            .Where(a => query.WardId is null || a.WardId == query.WardId)
            .Where(a => query.Kind is null || a.Kind == query.Kind)
            .Where(a => query.Subject is null || a.Subject == query.Subject)
            .OrderByDescending(a => a.RaisedAt)
            .Take(query.Limit)
            .ToList();
        return Task.FromResult<IReadOnlyList<Alert>>(result);
    }

    public Task<Alert?> Get(string alertId) => Task.FromResult(Find(alertId));

    private Alert? Find(string alertId) =>
        state.State.Active.Values.FirstOrDefault(a => a.Id == alertId) ?? state.State.RecentlyResolved.LastOrDefault(a => a.Id == alertId);

    private static JournalAppend Line(AlertEventKind kind, Alert alert, DateTimeOffset at) =>
        JournalExtensions.Line(kind.ToString(), alert.Id, alert.PatientMrn, alert, at);

    /// <summary>Dashboards hear of committed changes only; a lost push is made good by their next snapshot read.</summary>
    private Task Publish(IReadOnlyList<(AlertEventKind Kind, Alert Alert)> events) =>
        events.Count == 0
            ? Task.CompletedTask
            : GrainFactory.GetGrain<ILiveFeedGrain>(0).Publish(events.Select(e => new LiveEvent(
                e.Alert.WardId is { } ward ? [ward] : [], ToHospital: true, Alert: e.Alert, AlertIsNew: e.Kind == AlertEventKind.AlertRaised)).ToList());
}
