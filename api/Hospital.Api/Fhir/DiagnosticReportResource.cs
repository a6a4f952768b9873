using Hl7.Fhir.Model;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Fhir;

/// <summary>A resulted lab order as FHIR DiagnosticReport (category LAB): the order it answers and its result Observations.</summary>
public static class DiagnosticReportResource
{
    /// <summary>The report of an order that has results; <paramref name="results"/> are the order's results the chart holds.</summary>
    public static DiagnosticReport From(LabOrder order, IReadOnlyList<LabResult> results) => new()
    {
        Id = new ChartResourceId(order.Mrn, order.Id).ToString(),
        BasedOn = [new ResourceReference($"ServiceRequest/{new ChartResourceId(order.Mrn, order.Id)}")],
        Status = DiagnosticReport.DiagnosticReportStatus.Final,
        Category = [FhirSystems.Concept("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory")],
        Code = new CodeableConcept(FhirSystems.Loinc, order.Code),
        Subject = PatientResource.Reference(order.Mrn),
        Effective = new FhirDateTime(results.Min(r => r.CollectedAt)),
        Issued = order.ResultedAt ?? results.Max(r => r.RecordedAt),
        Result = results.Select(r => new ResourceReference($"Observation/{new ChartResourceId(r.Mrn, r.Id, LabObservation.Part)}")).ToList(),
    };

    /// <summary>The orders that have a report: resulted, with their results, oldest order first.</summary>
    public static IEnumerable<DiagnosticReport> Of(IReadOnlyList<LabOrder> orders, IReadOnlyList<LabResult> results) =>
        orders.Select(o => (Order: o, Results: results.Where(r => r.OrderId == o.Id).ToList()))
            .Where(o => o.Results.Count > 0)
            .Select(o => From(o.Order, o.Results));
}
