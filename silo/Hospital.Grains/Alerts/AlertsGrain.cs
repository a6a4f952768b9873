using Hospital.Contracts.Alerts;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Live;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Alerts;

public sealed class AlertsGrain(
    [PersistentState("alerts", HospitalStorage.Name)] IPersistentState<AlertsState> state,
    IJournal journal,
    HospitalTime clock) : Grain, IAlertsGrain
{
    private const int ResolvedKept = 1000;

    public async Task<Alert> Raise(AlertCondition condition)
    {
        if (state.State.Active.TryGetValue(condition.Key, out var active))
        {
            if (active.Severity == condition.Severity && active.Message == condition.Message)
            {
                return active;
            }

            // Escalation or de-escalation of the same condition: one alert, changed.
            var changed = active with { Severity = condition.Severity, Message = condition.Message, Version = active.Version + 1 };
            await Save(Active(changed), state.State.RecentlyResolved);
            await Record("AlertChanged", changed, isNew: false);
            return changed;
        }

        var alert = new Alert("A" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), condition.Kind, condition.Severity,
            condition.WardId, condition.Subject, condition.Message, clock.GetUtcNow(), AlertStatus.Open, condition.Key, 1,
            PatientMrn: condition.PatientMrn);
        await Save(Active(alert), state.State.RecentlyResolved);
        await Record("AlertRaised", alert, isNew: true);
        return alert;
    }

    public async Task<Alert?> Resolve(string key)
    {
        if (!state.State.Active.TryGetValue(key, out var active))
        {
            return null;
        }

        var resolved = active with { Status = AlertStatus.Resolved, ResolvedAt = clock.GetUtcNow(), Version = active.Version + 1 };
        var remaining = state.State.Active.Where(a => a.Key != key).ToDictionary();
        await Save(remaining, [.. state.State.RecentlyResolved.TakeLast(ResolvedKept - 1), resolved]);
        await Record("AlertResolved", resolved, isNew: false);
        return resolved;
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

        var acknowledged = alert with
        {
            Status = AlertStatus.Acknowledged, AcknowledgedAt = clock.GetUtcNow(), AcknowledgedBy = Actor.Current, Version = alert.Version + 1,
        };
        await Save(Active(acknowledged), state.State.RecentlyResolved);
        await Record("AlertAcknowledged", acknowledged, isNew: false);
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

    private Dictionary<string, Alert> Active(Alert alert)
    {
        var active = state.State.Active.ToDictionary();
        active[alert.Key] = alert;
        return active;
    }

    private async Task Save(IReadOnlyDictionary<string, Alert> active, IReadOnlyList<Alert> resolved)
    {
        state.State = new AlertsState { Active = active, RecentlyResolved = resolved };
        await state.WriteStateAsync();
    }

    private async Task Record(string kind, Alert alert, bool isNew)
    {
        await journal.RecordAsync(kind, alert.Id, alert.PatientMrn, alert);
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).Publish(
            [new LiveEvent(alert.WardId is { } ward ? [ward] : [], ToHospital: true, Alert: alert, AlertIsNew: isNew)]);
    }
}
