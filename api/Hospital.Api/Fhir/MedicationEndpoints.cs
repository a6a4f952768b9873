using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Hospital.Api.Medications;
using Hospital.Contracts.Common;
using Hospital.Contracts.Medications;

namespace Hospital.Api.Fhir;

/// <summary>
/// Medication orders as MedicationRequest and recorded doses as MedicationAdministration, read from the patient's
/// medication grain as the medication-order and MAR REST routes read it.
/// </summary>
public static class MedicationEndpoints
{
    /// <summary>Administrations are the doses recorded from this many days back until tomorrow (the longest MAR range one read covers).</summary>
    public static readonly TimeSpan AdministrationWindow = TimeSpan.FromDays(MedicationLimits.MaxMarDays - 1);

    public static async Task<IResult> ReadRequest(string id, IGrainFactory grains) =>
        await (await MedicationOrdersApi.MedicationsOf(grains, id)).GetOrder(id) is { } order
            ? FhirResults.Resource(MedicationRequestResource.From(order))
            : FhirResults.NotFound("MedicationRequest", id);

    /// <summary>Newest order first.</summary>
    public static async Task<IResult> SearchRequests(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "MedicationRequest", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var orders = await FhirSearch.PatientExists(grains, mrn) ? await grains.GetGrain<IMedicationGrain>(mrn).GetOrders(null) : [];
        var matches = orders.OrderByDescending(o => o.OrderedAt).Select(MedicationRequestResource.From)
            .Where(r => search["status"] is not { } status || r.Status?.GetLiteral() == status)
            .ToList();
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }

    public static async Task<IResult> ReadAdministration(string id, IGrainFactory grains, HospitalTime clock) =>
        (await Administrations(await MedicationOrdersApi.MedicationsOf(grains, id), clock)).FirstOrDefault(a => a.Id == id) is { } administration
            ? FhirResults.Resource(administration)
            : FhirResults.NotFound("MedicationAdministration", id);

    /// <summary>Most recently recorded first.</summary>
    public static async Task<IResult> SearchAdministrations(HttpRequest request, IGrainFactory grains, HospitalTime clock)
    {
        if (FhirSearch.Parse(request, "MedicationAdministration", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var matches = await FhirSearch.PatientExists(grains, mrn) ? await Administrations(grains.GetGrain<IMedicationGrain>(mrn), clock) : [];
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }

    private static async Task<List<MedicationAdministration>> Administrations(IMedicationGrain medications, HospitalTime clock)
    {
        var now = clock.GetUtcNow();
        var orders = (await medications.GetOrders(null)).ToDictionary(o => o.Id);
        var doses = await medications.GetMar(now - AdministrationWindow, now.AddDays(1));
        return doses.Where(d => d.Recorded && orders.ContainsKey(d.OrderId))
            .OrderByDescending(d => d.RecordedAt)
            .Select(d => MedicationAdministrationResource.From(d, orders[d.OrderId]))
            .ToList();
    }
}
