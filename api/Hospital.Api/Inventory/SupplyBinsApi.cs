using Hospital.Api.Problems;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Api.Wards;
using Hospital.Contracts.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Inventory;

public static class SupplyBinsApi
{
    public static IEndpointRouteBuilder MapSupplyBinsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supply-bins").WithTags("Inventory");
        var write = Policy(Permission.InventoryWrite);
        api.MapPost("/", Create).RequireAuthorization(Policy(Permission.InventoryAdmin)).WithName("CreateSupplyBin").WithSummary("Create a supply bin for an item at a location.");
        api.MapGet("/{binId}", Get).RequireAuthorization(Policy(Permission.InventoryRead)).WithName("GetSupplyBin").WithSummary("A bin: on-hand by lot, status, days of supply.");
        api.MapPost("/{binId}/consume", Consume).RequireAuthorization(write).WithName("ConsumeStock").WithSummary("Use units: earliest-expiring usable lot first; 409 when not enough.");
        api.MapPost("/{binId}/restock", Restock).RequireAuthorization(write).WithName("RestockBin").WithSummary("Add units of a lot.");
        api.MapPost("/{binId}/count", Count).RequireAuthorization(write).WithName("CycleCountBin").WithSummary("Record a physical count of every lot, with a reason.");
        api.MapPost("/{binId}/transfer", Transfer).RequireAuthorization(write).WithName("TransferStock").WithSummary("Move units to another bin of the same item.");
        api.MapPut("/{binId}/levels", SetLevels).RequireAuthorization(Policy(Permission.InventoryAdmin)).WithName("SetBinLevels").WithSummary("Change par and reorder point.");
        api.MapPost("/{binId}/dispose-expired", DisposeExpired).RequireAuthorization(write).WithName("DisposeExpiredStock").WithSummary("Remove expired lots as waste.");
        return app;
    }

    public static async Task<Results<Created<SupplyBin>, ValidationProblem>> Create(CreateBinRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        request.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var item = new Item(request.Sku!, request.Name!.Trim(), request.Unit!.Trim(), request.Category?.Trim());
        var bin = await grains.GetGrain<ISupplyBinGrain>(request.Id!).Create(new BinSpec(request.LocationId!, item, request.Par!.Value, request.ReorderPoint!.Value));
        return TypedResults.Created($"/api/supply-bins/{bin.Id}", bin);
    }

    public static async Task<Ok<SupplyBin>> Get(string binId, IGrainFactory grains) => TypedResults.Ok(await Find(grains, binId));

    public static async Task<Results<Ok<SupplyBin>, ValidationProblem>> Consume(string binId, ConsumeRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().Quantity("quantity", request.Quantity).MaxLength("reason", request.Reason, 200)
            .Check(request.Mrn is null || Lookup.IsPlausibleId(request.Mrn), "mrn", "The mrn field is not a valid MRN.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bin = await Find(grains, binId);
        if (request.Mrn is { } mrn)
        {
            await Lookup.Patient(grains, mrn);
        }

        return TypedResults.Ok(await grains.GetGrain<ISupplyBinGrain>(bin.Id).Consume(request.Quantity!.Value, request.Mrn, request.Reason));
    }

    public static async Task<Results<Ok<SupplyBin>, ValidationProblem>> Restock(string binId, RestockRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors().Quantity("quantity", request.Quantity).RequiredText("lot", request.Lot, 100);
        if (errors.Required("expiry", request.Expiry))
        {
            errors.LotExpiry("expiry", request.Expiry, clock.GetUtcNow(), restocked: true);
        }

        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bin = await Find(grains, binId);
        return TypedResults.Ok(await grains.GetGrain<ISupplyBinGrain>(bin.Id).Restock(request.Quantity!.Value, request.Lot!.Trim(), request.Expiry!.Value));
    }

    public static async Task<Results<Ok<SupplyBin>, ValidationProblem>> Count(string binId, CycleCountRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors().RequiredText("reason", request.Reason);
        if (errors.Required("lots", request.Lots))
        {
            errors.Check(request.Lots!.Count <= 1000, "lots", "At most 1000 lots.");
            for (var i = 0; i < Math.Min(request.Lots.Count, 1000); i++)
            {
                var lot = request.Lots[i];
                errors.RequiredText($"lots[{i}].lot", lot?.Lot, 100);
                if (errors.Required($"lots[{i}].expiry", lot?.Expiry))
                {
                    errors.LotExpiry($"lots[{i}].expiry", lot!.Expiry, clock.GetUtcNow(), restocked: false);
                }

                if (errors.Required($"lots[{i}].quantity", lot?.Quantity))
                {
                    errors.Check(lot!.Quantity is >= 0 and <= InventoryRules.MaxQuantity, $"lots[{i}].quantity", $"The quantity must be between 0 and {InventoryRules.MaxQuantity}.");
                }
            }

            errors.Check(request.Lots.Sum(l => (long)(l?.Quantity ?? 0)) <= InventoryRules.MaxQuantity, "lots",
                $"A bin holds at most {InventoryRules.MaxQuantity} units in all.");
        }

        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bin = await Find(grains, binId);
        var counted = request.Lots!.Select(l => new StockLot(l.Lot!.Trim(), l.Expiry!.Value, l.Quantity!.Value)).ToList();
        return TypedResults.Ok(await grains.GetGrain<ISupplyBinGrain>(bin.Id).CycleCount(counted, request.Reason!.Trim()));
    }

    public static async Task<Results<Ok<SupplyBin>, ValidationProblem>> Transfer(string binId, TransferStockRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("toBinId", request.ToBinId).Quantity("quantity", request.Quantity);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bin = await Find(grains, binId);
        await Find(grains, request.ToBinId!);
        return TypedResults.Ok(await grains.GetGrain<ISupplyBinGrain>(bin.Id).TransferTo(request.ToBinId!, request.Quantity!.Value));
    }

    public static async Task<Results<Ok<SupplyBin>, ValidationProblem>> SetLevels(string binId, LevelsRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        InventoryRules.Levels(errors, request.Par, request.ReorderPoint);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bin = await Find(grains, binId);
        return TypedResults.Ok(await grains.GetGrain<ISupplyBinGrain>(bin.Id).SetLevels(request.Par!.Value, request.ReorderPoint!.Value));
    }

    public static async Task<Ok<SupplyBin>> DisposeExpired(string binId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISupplyBinGrain>((await Find(grains, binId)).Id).DisposeExpired());

    private static Task<SupplyBin> Find(IGrainFactory grains, string binId) => Lookup.SupplyBin(grains, binId);
}
