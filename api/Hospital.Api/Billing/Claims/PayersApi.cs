using Hospital.Api.Problems;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Billing.Claims;

public static class PayersApi
{
    public static IEndpointRouteBuilder MapPayersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payers").WithTags("Insurance");
        api.MapPost("/", Create).RequireAuthorization(Policy(Permission.BillingWrite)).WithName("CreatePayer")
            .WithSummary("Register a payer (insurer, government scheme or self-pay); the same payer again is a no-op.");
        api.MapGet("/", List).RequireAuthorization(Policy(Permission.BillingRead)).WithName("ListPayers").WithSummary("Every payer, by name.");
        api.MapGet("/{payerId}", Get).RequireAuthorization(Policy(Permission.BillingRead)).WithName("GetPayer");
        return app;
    }

    public static async Task<Results<Created<Payer>, ValidationProblem>> Create(PayerRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (request.Validate(errors) is not { } spec)
        {
            return errors.ToProblem()!;
        }

        var payer = await grains.GetGrain<IPayerRegistryGrain>(0).Add(spec);
        return TypedResults.Created($"/api/payers/{payer.Id}", payer);
    }

    public static async Task<Ok<IReadOnlyList<Payer>>> List(IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IPayerRegistryGrain>(0).List());

    public static async Task<Ok<Payer>> Get(string payerId, IGrainFactory grains) => TypedResults.Ok(await Find(grains, payerId));

    public static async Task<Payer> Find(IGrainFactory grains, string payerId) =>
        Lookup.IsPlausibleId(payerId) && await grains.GetGrain<IPayerRegistryGrain>(0).Get(payerId) is { } payer
            ? payer
            : throw Lookup.NotFound("Payer", payerId);
}
