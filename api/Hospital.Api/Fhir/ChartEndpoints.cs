using Hospital.Api.Clinical;
using Hospital.Api.Problems;
using Hospital.Contracts.Clinical;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Fhir;

/// <summary>
/// Resources read from a patient's chart, as the chart REST routes read it: Observations (vital signs, as
/// <c>GET .../vitals</c> lists them, and lab results, as <c>GET .../labs</c>), lab orders as ServiceRequest and
/// resulted orders as DiagnosticReport. Every search needs the patient.
/// </summary>
public static class ChartEndpoints
{
    public static async Task<IResult> ReadObservation(string id, IGrainFactory grains)
    {
        if (ChartResourceId.Parse(id, withPart: true) is { } key)
        {
            var chart = await Chart(grains, key.Mrn);
            if (key.Part == LabObservation.Part && (await chart.GetRecentLabs()).FirstOrDefault(r => r.Id == key.RecordId) is { } result)
            {
                return FhirResults.Resource(LabObservation.From(result));
            }

            if (VitalSignsObservation.Signs.Contains(key.Part) && (await chart.GetRecentVitals()).FirstOrDefault(s => s.Id == key.RecordId) is { } set)
            {
                return FhirResults.Resource(VitalSignsObservation.From(set, key.Part!));
            }
        }

        return FhirResults.NotFound("Observation", id);
    }

    /// <summary>Newest first (by when taken or collected); the signs of one set in NEWS2 order.</summary>
    public static async Task<IResult> SearchObservations(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "Observation", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        if (await FindChart(grains, mrn) is not { } chart)
        {
            return FhirResults.Resource(search.Searchset(0, []));
        }

        var code = search["code"] is { } token ? FhirSearch.TokenCode(token, FhirSystems.Loinc) ?? "" : null;
        var category = search["category"] is { } c ? FhirSearch.TokenCode(c, FhirSystems.ObservationCategory) ?? "" : null;
        var vitals = (await chart.GetRecentVitals()).Select(s => (At: s.TakenAt, Observations: VitalSignsObservation.From(s)));
        var labs = (await chart.GetRecentLabs()).Select(r => (At: r.CollectedAt, Observations: new[] { LabObservation.From(r) }.AsEnumerable()));
        var matches = vitals.Concat(labs)
            .OrderByDescending(x => x.At)
            .SelectMany(x => x.Observations)
            .Where(o => category is null || o.Category.Any(k => k.Coding.Any(x => x.Code == category)))
            .Where(o => code is null || o.Code.Coding.Any(x => x.Code == code))
            .ToList();
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }

    /// <summary>Records a vital-signs panel (<see cref="VitalSignsInput"/>) as <c>POST /api/patients/{mrn}/vitals</c> does; answers with the panel.</summary>
    public static async Task<IResult> CreateObservation(HttpRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var (resource, error) = await FhirInput.ReadAsync<Hl7.Fhir.Model.Observation>(request);
        if (error is not null)
        {
            return error;
        }

        var (mrn, vitals, invalid) = VitalSignsInput.Read(resource!);
        if (invalid is not null)
        {
            return invalid;
        }

        return (await ChartApi.RecordVitals(mrn!, vitals!, grains, clock)).Result switch
        {
            Created<Observation> created => FhirResults.Resource(VitalSignsObservation.From(created.Value!, VitalSignsObservation.Panel),
                StatusCodes.Status201Created, $"{FhirApi.Path}/Observation/{new ChartResourceId(created.Value!.Mrn, created.Value.Id, VitalSignsObservation.Panel)}"),
            ValidationProblem problem => FhirInput.Invalid(problem),
            var other => other,
        };
    }

    public static async Task<IResult> ReadServiceRequest(string id, IGrainFactory grains) =>
        ChartResourceId.Parse(id, withPart: false) is { } key
        && (await (await Chart(grains, key.Mrn)).GetLabOrders()).FirstOrDefault(o => o.Id == key.RecordId) is { } order
            ? FhirResults.Resource(ServiceRequestResource.From(order))
            : FhirResults.NotFound("ServiceRequest", id);

    /// <summary>Newest order first.</summary>
    public static async Task<IResult> SearchServiceRequests(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "ServiceRequest", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var orders = await FindChart(grains, mrn) is { } chart ? await chart.GetLabOrders() : [];
        var matches = orders.Reverse().Select(ServiceRequestResource.From)
            .Where(r => search["status"] is not { } status || Hl7.Fhir.Utility.EnumUtility.GetLiteral(r.Status) == status)
            .ToList();
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }

    public static async Task<IResult> ReadDiagnosticReport(string id, IGrainFactory grains)
    {
        if (ChartResourceId.Parse(id, withPart: false) is { } key)
        {
            var chart = await Chart(grains, key.Mrn);
            if (DiagnosticReportResource.Of(await chart.GetLabOrders(), await chart.GetRecentLabs()).FirstOrDefault(r => r.Id == id) is { } report)
            {
                return FhirResults.Resource(report);
            }
        }

        return FhirResults.NotFound("DiagnosticReport", id);
    }

    /// <summary>Newest order first.</summary>
    public static async Task<IResult> SearchDiagnosticReports(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "DiagnosticReport", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var reports = await FindChart(grains, mrn) is { } chart
            ? DiagnosticReportResource.Of(await chart.GetLabOrders(), await chart.GetRecentLabs()).Reverse().ToList()
            : [];
        return FhirResults.Resource(search.Searchset(reports.Count, search.PageOf(reports)));
    }

    /// <summary>The chart of a patient a read names: an unknown patient is a 404, as on the REST routes.</summary>
    private static async Task<IChartGrain> Chart(IGrainFactory grains, string mrn) =>
        grains.GetGrain<IChartGrain>((await Lookup.Patient(grains, mrn)).Mrn);

    /// <summary>The chart of a patient a search names, or null when there is no such patient (an empty searchset).</summary>
    internal static async Task<IChartGrain?> FindChart(IGrainFactory grains, string mrn) =>
        await FhirSearch.PatientExists(grains, mrn) ? grains.GetGrain<IChartGrain>(mrn) : null;
}
