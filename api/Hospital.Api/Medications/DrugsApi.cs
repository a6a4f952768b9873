using Hospital.Contracts.Medications;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Medications;

public static class DrugsApi
{
    public const int MaxResults = 50;

    public static IEndpointRouteBuilder MapDrugsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/drugs").WithTags("Medications")
            .MapGet("/", Search).RequireAuthorization(Policy(Permission.MedicationRead))
            .WithName("SearchDrugs").WithSummary("Search the drug catalogue by generic name, synonym or ATC prefix (at most 50).");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DrugSummary>>> Search(string? name, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDrugCatalogGrain>(0).Search(name is { Length: > 100 } ? name[..100] : name, MaxResults));
}
