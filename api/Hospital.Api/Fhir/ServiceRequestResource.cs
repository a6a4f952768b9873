using Hl7.Fhir.Model;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Fhir;

/// <summary>A lab order as FHIR ServiceRequest (intent order, category laboratory procedure, LOINC code).</summary>
public static class ServiceRequestResource
{
    public static ServiceRequest From(LabOrder order)
    {
        var request = new ServiceRequest
        {
            Id = new ChartResourceId(order.Mrn, order.Id).ToString(),
            Identifier = [new Identifier(FhirSystems.Base + "/sid/lab-order", order.Id)],
            Status = Status(order.Status),
            Intent = RequestIntent.Order,
            Category = [FhirSystems.Concept("http://snomed.info/sct", "108252007", "Laboratory procedure")],
            Priority = order.Priority switch
            {
                LabPriority.Stat => RequestPriority.Stat,
                LabPriority.Urgent => RequestPriority.Urgent,
                _ => RequestPriority.Routine,
            },
            Code = new CodeableConcept(FhirSystems.Loinc, order.Code),
            Subject = PatientResource.Reference(order.Mrn),
            AuthoredOn = new FhirDateTime(order.OrderedAt).ToString(),
            Requester = new ResourceReference { Display = order.OrderedBy },
        };
        if (order.Specimen is not null)
        {
            request.Note.Add(new Annotation { Text = new Markdown($"Specimen: {order.Specimen}") });
        }

        if (order.CancelReason is not null)
        {
            request.Note.Add(new Annotation { Text = new Markdown($"Cancelled: {order.CancelReason}") });
        }

        return request;
    }

    /// <summary>Ordered and Collected are both still to be resulted (active); a cancelled order is revoked.</summary>
    public static RequestStatus Status(LabOrderStatus status) => status switch
    {
        LabOrderStatus.Resulted => RequestStatus.Completed,
        LabOrderStatus.Cancelled => RequestStatus.Revoked,
        _ => RequestStatus.Active,
    };
}
