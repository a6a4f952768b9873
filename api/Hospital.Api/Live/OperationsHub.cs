using Hospital.Api.Problems;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.SignalR;

namespace Hospital.Api.Live;

/// <summary>
/// <c>/hubs/operations</c>: dashboards subscribe to the hospital (census and alerts for every ward) and to wards (every
/// event of the ward). After subscribing, a client reads the REST snapshot and drops pushed beds whose version is not
/// newer than what it holds, so nothing between snapshot and stream is lost.
/// </summary>
public sealed class OperationsHub(IGrainFactory grains) : Hub
{
    public const string Path = "/hubs/operations";
    public const string HospitalGroup = "hospital";

    public static string WardGroup(string wardId) => "ward:" + wardId;

    public Task SubscribeHospital() => Groups.AddToGroupAsync(Context.ConnectionId, HospitalGroup, Context.ConnectionAborted);

    public Task UnsubscribeHospital() => Groups.RemoveFromGroupAsync(Context.ConnectionId, HospitalGroup, Context.ConnectionAborted);

    public async Task SubscribeWard(string wardId)
    {
        if (!Lookup.IsPlausibleId(wardId) || await grains.GetGrain<IWardGrain>(wardId).GetProfile() is null)
        {
            throw new HubException($"Unknown ward '{(wardId?.Length > 64 ? wardId[..64] : wardId)}'.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, WardGroup(wardId), Context.ConnectionAborted);
    }

    public Task UnsubscribeWard(string wardId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, WardGroup(wardId ?? ""), Context.ConnectionAborted);
}
