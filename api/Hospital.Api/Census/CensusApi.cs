using Hospital.Contracts.Census;
using Hospital.Api.Problems;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Census;

public static class CensusApi
{
    public static IEndpointRouteBuilder MapCensusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/census").WithTags("Census");
        api.MapGet("/", GetHospital).WithName("GetCensus").WithSummary("Bed counts for the hospital and every ward.");
        api.MapGet("/wards/{wardId}", GetWard).WithName("GetWardCensus").WithSummary("Bed counts for one ward.");
        return app;
    }

    public static async Task<Ok<HospitalCensusView>> GetHospital(IGrainFactory grains) =>
        TypedResults.Ok(HospitalCensusView.From(await grains.GetGrain<IHospitalGrain>(0).GetCensus()));

    public static async Task<Ok<WardCensusView>> GetWard(string wardId, IGrainFactory grains) =>
        TypedResults.Ok(WardCensusView.From((await grains.GetGrain<IWardGrain>((await Lookup.Ward(grains, wardId)).Id).GetCensus())!));
}
