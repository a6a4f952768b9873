using Hospital.Api.Problems;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.SignalR;

namespace Hospital.Api.Live;

/// <summary>
/// <c>/hubs/operations</c>: dashboards subscribe to the hospital (census and alerts for every ward) and to wards (every
/// event of the ward). After subscribing, a client reads the REST snapshot and drops pushed beds whose version is not
/// newer than what it holds, so nothing between snapshot and stream is lost.
/// </summary>
public sealed class OperationsHub(IGrainFactory grains, LiveSubscriptions subscriptions) : Hub
{
    public const string Path = "/hubs/operations";
    public const string HospitalGroup = "hospital";

    public static string WardGroup(string wardId) => "ward:" + wardId;

    public Task SubscribeHospital() => Join(HospitalGroup);

    public Task UnsubscribeHospital() => Leave(HospitalGroup);

    public async Task SubscribeWard(string wardId)
    {
        if (!Lookup.IsPlausibleId(wardId) || await grains.GetGrain<IWardGrain>(wardId).GetProfile() is null)
        {
            throw new HubException($"Unknown ward '{(wardId?.Length > 64 ? wardId[..64] : wardId)}'.");
        }

        await Join(WardGroup(wardId));
    }

    public Task UnsubscribeWard(string wardId) => Leave(WardGroup(wardId ?? ""));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task Join(string group)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        subscriptions.Add(group, Context.ConnectionId);
    }

    private async Task Leave(string group)
    {
        subscriptions.Remove(group, Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
    }
}
