using Hl7.Fhir.Utility;
using Hospital.Contracts.Billing.Claims;
using Hospital.Api.Billing.Claims;

namespace Hospital.Api.Fhir;

/// <summary>Claim read, and search by patient (newest first) over the claim register.</summary>
public static class ClaimEndpoints
{
    public static async Task<IResult> Read(string id, IGrainFactory grains) => FhirResults.Resource(await Resource(grains, id));

    public static async Task<IResult> Search(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "Claim", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var matches = new List<Hl7.Fhir.Model.Claim>();
        foreach (var summary in await grains.GetGrain<IClaimRegisterGrain>(0).Query(new ClaimQuery(Mrn: mrn, Limit: ClaimQuery.MaxLimit)))
        {
            var claim = await Resource(grains, summary.Id);
            if (search["status"] is not { } status || claim.Status?.GetLiteral() == status)
            {
                matches.Add(claim);
            }
        }

        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }

    /// <summary>The claim as FHIR (404 when there is none).</summary>
    public static async Task<Hl7.Fhir.Model.Claim> Resource(IGrainFactory grains, string claimId)
    {
        var claim = await ClaimsApi.Find(grains, claimId);
        return ClaimResource.From(claim, await grains.GetGrain<IPayerRegistryGrain>(0).Get(claim.PayerId));
    }
}
