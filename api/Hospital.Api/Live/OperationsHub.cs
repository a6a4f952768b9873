using Hospital.Api.Problems;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.SignalR;

namespace Hospital.Api.Live;

/// <summary>
/// <c>/hubs/operations</c>: dashboards subscribe to the hospital (census and alerts for every ward) and to wards (every
/// event of the ward). After subscribing, a client reads the REST snapshot and drops pushed beds whose version is not
/// newer than what it holds, so nothing between snapshot and stream is lost. Every subscription is audited, and so are
/// the patients whose events a connection receives (<see cref="LiveAudit"/>); a connection closes when its token
/// expires or its account changes (<see cref="HubSessions"/>).
/// </summary>
public sealed class OperationsHub(IGrainFactory grains, LiveSubscriptions subscriptions, HubSessions sessions, LiveAudit audit) : Hub
{
    public const string Path = "/hubs/operations";
    public const string HospitalGroup = "hospital";

    public static string WardGroup(string wardId) => "ward:" + wardId;

    public override Task OnConnectedAsync()
    {
        sessions.Open(Context);
        return base.OnConnectedAsync();
    }

    public async Task SubscribeHospital()
    {
        await audit.SubscriptionAsync(Context, "SubscribeHospital", allowed: true);
        await Join(HospitalGroup);
    }

    public Task UnsubscribeHospital() => Leave(HospitalGroup);

    public async Task SubscribeWard(string wardId)
    {
        var shown = wardId?.Length > 64 ? wardId[..64] : wardId;
        if (!Lookup.IsPlausibleId(wardId) || await grains.GetGrain<IWardGrain>(wardId!).GetProfile() is null)
        {
            await audit.SubscriptionAsync(Context, $"SubscribeWard {shown}", allowed: false);
            throw new HubException($"Unknown ward '{shown}'.");
        }

        await audit.SubscriptionAsync(Context, $"SubscribeWard {wardId}", allowed: true);
        await Join(WardGroup(wardId!));
    }

    public Task UnsubscribeWard(string wardId) => Leave(WardGroup(wardId ?? ""));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        sessions.Close(Context.ConnectionId);
        audit.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task Join(string group)
    {
        audit.Joined(Context.ConnectionId, group);
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        subscriptions.Add(group, Context.ConnectionId);
    }

    private async Task Leave(string group)
    {
        subscriptions.Remove(group, Context.ConnectionId);
        audit.Left(Context.ConnectionId, group);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
    }
}
