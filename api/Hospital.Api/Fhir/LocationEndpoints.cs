using Hospital.Api.Problems;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Wards;

namespace Hospital.Api.Fhir;

/// <summary>Location read (a bed id or a ward id) and search over the wards and their boards, as the REST ward and bed routes read them.</summary>
public static class LocationEndpoints
{
    public static async Task<IResult> Read(string id, IGrainFactory grains)
    {
        if (Lookup.IsPlausibleId(id))
        {
            if (await grains.GetGrain<IBedGrain>(id).Get() is { } bed)
            {
                return FhirResults.Resource(LocationResource.FromBed(bed));
            }

            if (await grains.GetGrain<IWardGrain>(id).GetProfile() is { } ward)
            {
                return FhirResults.Resource(LocationResource.FromWard(ward));
            }
        }

        return FhirResults.NotFound("Location", id);
    }

    /// <summary>Each ward, followed by its beds.</summary>
    public static async Task<IResult> Search(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "Location", out var error) is not { } search)
        {
            return error!;
        }

        var partOf = search["partof"] is { } reference ? FhirSearch.ReferencedId(reference, "Location") : null;
        var status = search["operational-status"] is { } token ? FhirSearch.TokenCode(token, FhirSystems.BedOccupancy) ?? "" : null;
        var name = search["name"];
        var locations = new List<Hl7.Fhir.Model.Location>();
        foreach (var ward in await grains.GetGrain<IHospitalGrain>(0).GetWards())
        {
            if (partOf is not null && partOf != ward.Id)
            {
                continue;
            }

            if (partOf is null && status is null)
            {
                locations.Add(LocationResource.FromWard(ward));
            }

            var board = await grains.GetGrain<IWardGrain>(ward.Id).GetBoard();
            locations.AddRange((board?.Beds ?? []).OrderBy(b => b.Id, StringComparer.Ordinal)
                .Where(b => status is null || LocationResource.OperationalStatus(b.Status, b.Reason).Code == status)
                .Select(LocationResource.FromBed));
        }

        var matches = locations
            .Where(l => search["_id"] is not { } id || l.Id == id)
            .Where(l => name is null || (l.Name ?? "").StartsWith(name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }
}
