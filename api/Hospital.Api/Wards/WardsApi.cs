using Hospital.Api.Census;
using Hospital.Api.Problems;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Wards;

/// <summary>A ward with its census.</summary>
public sealed record WardView(string Id, string Name, SexPolicy SexPolicy, WardCensusView Census, string? Service = null, string? Building = null, string? Floor = null);

/// <summary>A ward with every bed and its census.</summary>
public sealed record WardBoardView(string Id, string Name, SexPolicy SexPolicy, IReadOnlyList<Bed> Beds, WardCensusView Census, string? Service = null, string? Building = null, string? Floor = null);

public static class WardsApi
{
    public static IEndpointRouteBuilder MapWardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wards").WithTags("Wards");
        api.MapPost("/", Create).RequireAuthorization(Policy(Permission.WardAdmin)).WithName("CreateWard").WithSummary("Create a ward.");
        api.MapGet("/", List).RequireAuthorization(Policy(Permission.OperationsRead)).WithName("ListWards").WithSummary("Every ward with its census.");
        api.MapGet("/{wardId}", Get).RequireAuthorization(Policy(Permission.OperationsRead)).WithName("GetWard").WithSummary("A ward with all its beds and its census.");
        api.MapPut("/{wardId}", Update).RequireAuthorization(Policy(Permission.WardAdmin)).WithName("UpdateWard").WithSummary("Rename a ward or change its sex policy.");
        api.MapPut("/{wardId}/location", SetLocation).RequireAuthorization(Policy(Permission.WardAdmin)).WithName("SetWardLocation")
            .WithSummary("Set the ward's service, building and floor (the hospital board groups and filters by them).");
        api.MapPost("/{wardId}/beds", AddBed).RequireAuthorization(Policy(Permission.WardAdmin)).WithName("AddBed").WithSummary("Add a bed to a ward; bed ids are unique hospital-wide.");
        return app;
    }

    public static async Task<Results<Created<WardView>, ValidationProblem>> Create(CreateWardRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("id", request.Id).RequiredText("name", request.Name).Defined("sexPolicy", request.SexPolicy)
            .Location(request.Service, request.Building, request.Floor);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = grains.GetGrain<IWardGrain>(request.Id!);
        await ward.Create(request.Name!.Trim(), request.SexPolicy ?? SexPolicy.Mixed);
        if (Clean(request.Service) is not null || Clean(request.Building) is not null || Clean(request.Floor) is not null)
        {
            await ward.SetLocation(Clean(request.Service), Clean(request.Building), Clean(request.Floor));
        }
        return TypedResults.Created($"/api/wards/{request.Id}", await View(grains, request.Id!));
    }

    public static async Task<Ok<List<WardView>>> List(IGrainFactory grains)
    {
        var hospital = grains.GetGrain<IHospitalGrain>(0);
        var wards = await hospital.GetWards();
        var census = (await hospital.GetCensus()).Wards.ToDictionary(w => w.WardId);
        return TypedResults.Ok(wards.Select(w => new WardView(w.Id, w.Name, w.SexPolicy,
            WardCensusView.From(census.GetValueOrDefault(w.Id) ?? new WardCensus(w.Id, CensusCounts.Empty)), w.Service, w.Building, w.Floor)).ToList());
    }

    public static async Task<Ok<WardBoardView>> Get(string wardId, IGrainFactory grains)
    {
        var profile = await Lookup.Ward(grains, wardId);
        var board = (await grains.GetGrain<IWardGrain>(profile.Id).GetBoard())!;
        return TypedResults.Ok(new WardBoardView(board.Id, board.Name, board.SexPolicy, board.Beds, WardCensusView.From(board.Census),
            profile.Service, profile.Building, profile.Floor));
    }

    public static async Task<Results<Ok<WardView>, ValidationProblem>> Update(string wardId, UpdateWardRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequiredText("name", request.Name).Defined("sexPolicy", request.SexPolicy);
        errors.Required("sexPolicy", request.SexPolicy);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var profile = await Lookup.Ward(grains, wardId);
        await grains.GetGrain<IWardGrain>(profile.Id).Update(request.Name!.Trim(), request.SexPolicy!.Value);
        return TypedResults.Ok(await View(grains, profile.Id));
    }

    public static async Task<Results<Created<Bed>, ValidationProblem>> AddBed(string wardId, CreateBedRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("id", request.Id).RequiredText("room", request.Room, 50);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Lookup.Ward(grains, wardId);
        var bed = await grains.GetGrain<IWardGrain>(ward.Id).AddBed(request.Id!, request.Room!.Trim(), request.IsolationCapable ?? false);
        return TypedResults.Created($"/api/beds/{bed.Id}", bed);
    }

    public static async Task<Results<Ok<WardView>, ValidationProblem>> SetLocation(string wardId, WardLocationRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().Location(request.Service, request.Building, request.Floor);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var profile = await Lookup.Ward(grains, wardId);
        await grains.GetGrain<IWardGrain>(profile.Id).SetLocation(Clean(request.Service), Clean(request.Building), Clean(request.Floor));
        return TypedResults.Ok(await View(grains, profile.Id));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static FieldErrors Location(this FieldErrors errors, string? service, string? building, string? floor) =>
        errors.MaxLength("service", service, 100).MaxLength("building", building, 100).MaxLength("floor", floor, 50);

    private static async Task<WardView> View(IGrainFactory grains, string wardId)
    {
        var ward = grains.GetGrain<IWardGrain>(wardId);
        var board = (await ward.GetBoard())!;
        var profile = (await ward.GetProfile())!;
        return new WardView(board.Id, board.Name, board.SexPolicy, WardCensusView.From(board.Census), profile.Service, profile.Building, profile.Floor);
    }
}
