using Hospital.Api.Problems;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Api.Wards;
using Hospital.Contracts.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Inventory;

/// <summary>A bin at or below its reorder point and what to order.</summary>
public sealed record ReorderLine(string BinId, string Sku, string Name, string Unit, int OnHand, int ReorderPoint, int Par,
    int SuggestedOrder, double ConsumptionPerDay, double? DaysOfSupply, StockStatus Status);

/// <summary>Equipment at a location, counted by status.</summary>
public sealed record EquipmentCounts(int Total, int Available, int InUse, int Cleaning, int Maintenance);

public sealed record RegisterEquipmentRequest(string? Id, string? Type, string? Name, string? LocationId);

public sealed record EquipmentStatusRequest(EquipmentStatus? Status);

/// <summary>Put equipment in use at a bed and/or for a patient (at least one).</summary>
public sealed record AssignEquipmentRequest(string? BedId, string? Mrn);

public sealed record MoveEquipmentRequest(string? LocationId);

public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup("/api/locations/{locationId}").WithTags("Inventory").RequireAuthorization(Policy(Permission.InventoryRead));
        locations.MapGet("/supply-bins", Bins).WithName("ListLocationBins").WithSummary("Every bin at a location.");
        locations.MapGet("/reorder", Reorder).WithName("ReorderList")
            .WithSummary("Bins at or below their reorder point with the suggested order (par minus on-hand), rate of use and days of supply.");
        locations.MapGet("/equipment", LocationEquipment).WithName("ListLocationEquipment").WithSummary("Equipment at a location, with counts by status.");

        var items = app.MapGroup("/api/items").WithTags("Inventory").RequireAuthorization(Policy(Permission.InventoryRead));
        items.MapGet("/", Items).WithName("ListItems").WithSummary("The item catalogue.");
        items.MapPost("/", PutItem).RequireAuthorization(Policy(Permission.InventoryAdmin)).WithName("CatalogueItem").WithSummary("Add or update a catalogue item.");

        var equipment = app.MapGroup("/api/equipment").WithTags("Equipment").RequireAuthorization(Policy(Permission.InventoryRead));
        equipment.MapPost("/", Register).RequireAuthorization(Policy(Permission.InventoryAdmin)).WithName("RegisterEquipment").WithSummary("Register a tracked asset at a location.");
        equipment.MapGet("/{equipmentId}", GetEquipment).WithName("GetEquipment");
        equipment.MapPost("/{equipmentId}/status", SetEquipmentStatus).RequireAuthorization(Policy(Permission.InventoryWrite)).WithName("SetEquipmentStatus").WithSummary("Available, Cleaning or Maintenance.");
        equipment.MapPost("/{equipmentId}/assign", Assign).RequireAuthorization(Policy(Permission.InventoryWrite)).WithName("AssignEquipment").WithSummary("Put equipment in use at a bed or for a patient.");
        equipment.MapPost("/{equipmentId}/release", Release).RequireAuthorization(Policy(Permission.InventoryWrite)).WithName("ReleaseEquipment").WithSummary("Back from use: the equipment goes to Cleaning.");
        equipment.MapPost("/{equipmentId}/move", Move).RequireAuthorization(Policy(Permission.InventoryWrite)).WithName("MoveEquipment").WithSummary("Move equipment to another location.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SupplyBin>>> Bins(string locationId, IGrainFactory grains) =>
        TypedResults.Ok(await Location(grains, locationId).GetBins());

    public static async Task<Ok<List<ReorderLine>>> Reorder(string locationId, IGrainFactory grains) =>
        TypedResults.Ok((await Location(grains, locationId).GetBins())
            .Where(b => b.OnHand <= b.ReorderPoint)
            .OrderBy(b => b.Status == StockStatus.Out ? 0 : 1).ThenBy(b => b.DaysOfSupply ?? double.MaxValue)
            .Select(b => new ReorderLine(b.Id, b.Sku, b.Name, b.Unit, b.OnHand, b.ReorderPoint, b.Par, b.SuggestedOrder, b.ConsumptionPerDay, b.DaysOfSupply, b.Status))
            .ToList());

    public static async Task<Ok<LocationEquipmentView>> LocationEquipment(string locationId, IGrainFactory grains)
    {
        var assets = await Location(grains, locationId).GetEquipment();
        int Count(EquipmentStatus s) => assets.Count(a => a.Status == s);
        return TypedResults.Ok(new LocationEquipmentView(locationId,
            new EquipmentCounts(assets.Count, Count(EquipmentStatus.Available), Count(EquipmentStatus.InUse), Count(EquipmentStatus.Cleaning), Count(EquipmentStatus.Maintenance)),
            assets));
    }

    public static async Task<Ok<IReadOnlyList<Item>>> Items(IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IItemCatalogGrain>(0).List());

    public static async Task<Results<Ok<Item>, ValidationProblem>> PutItem(ItemRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("sku", request.Sku).RequiredText("name", request.Name).RequiredText("unit", request.Unit, 50).MaxLength("category", request.Category, 100);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.GetGrain<IItemCatalogGrain>(0).Update(new Item(request.Sku!, request.Name!.Trim(), request.Unit!.Trim(), request.Category?.Trim())));
    }

    public static async Task<Results<Created<Equipment>, ValidationProblem>> Register(RegisterEquipmentRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("id", request.Id).RequiredText("type", request.Type, 100).RequiredText("name", request.Name).RequireId("locationId", request.LocationId);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var asset = await grains.GetGrain<IEquipmentGrain>(request.Id!).Create(request.Type!.Trim(), request.Name!.Trim(), request.LocationId!);
        return TypedResults.Created($"/api/equipment/{asset.Id}", asset);
    }

    public static async Task<Ok<Equipment>> GetEquipment(string equipmentId, IGrainFactory grains) => TypedResults.Ok(await FindEquipment(grains, equipmentId));

    public static async Task<Results<Ok<Equipment>, ValidationProblem>> SetEquipmentStatus(string equipmentId, EquipmentStatusRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().Defined("status", request.Status);
        errors.Required("status", request.Status);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var asset = await FindEquipment(grains, equipmentId);
        return TypedResults.Ok(await grains.GetGrain<IEquipmentGrain>(asset.Id).SetStatus(request.Status!.Value));
    }

    public static async Task<Results<Ok<Equipment>, ValidationProblem>> Assign(string equipmentId, AssignEquipmentRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().Check(request.BedId is not null || request.Mrn is not null, "bedId", "Name a bedId, an mrn, or both.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var asset = await FindEquipment(grains, equipmentId);
        var bed = request.BedId is { } bedId ? await Lookup.Bed(grains, bedId) : null;
        var patient = request.Mrn is { } mrn ? await Lookup.Patient(grains, mrn) : null;
        return TypedResults.Ok(await grains.GetGrain<IEquipmentGrain>(asset.Id).Assign(bed?.Id, patient?.Mrn ?? bed?.Mrn));
    }

    public static async Task<Ok<Equipment>> Release(string equipmentId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IEquipmentGrain>((await FindEquipment(grains, equipmentId)).Id).Release());

    public static async Task<Results<Ok<Equipment>, ValidationProblem>> Move(string equipmentId, MoveEquipmentRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("locationId", request.LocationId);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var asset = await FindEquipment(grains, equipmentId);
        return TypedResults.Ok(await grains.GetGrain<IEquipmentGrain>(asset.Id).Move(request.LocationId!));
    }

    private static ISupplyLocationGrain Location(IGrainFactory grains, string locationId) => Lookup.Location(grains, locationId);

    private static Task<Equipment> FindEquipment(IGrainFactory grains, string id) => Lookup.Equipment(grains, id);
}

public sealed record LocationEquipmentView(string LocationId, EquipmentCounts Counts, IReadOnlyList<Equipment> Equipment);
