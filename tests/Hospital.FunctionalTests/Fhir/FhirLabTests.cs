// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>Lab orders as ServiceRequest, their results as laboratory Observations and resulted orders as DiagnosticReport.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirLabTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AResultedLabOrderIsAServiceRequestADiagnosticReportAndALaboratoryObservation()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var orderId = (await (await _client.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders", new { code = "2823-3", priority = "Stat", specimen = "blood" }))
            .ReadJsonAsync()).GetProperty("id").GetString();
        (await _client.PostAsync($"/api/patients/{mrn}/lab-orders/{orderId}/collect", null)).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/labs", new
        {
            loinc = "2823-3", name = "Potassium", value = 5.9m, unit = "mmol/L", referenceLow = 3.5m, referenceHigh = 5.1m, criticalLow = 2.5m,
            criticalHigh = 6.5m, orderId,
        })).EnsureSuccessStatusCode();

        var requests = await _client.GetFhirAsync<Bundle>($"/fhir/ServiceRequest?patient={mrn}");
        var reports = await _client.GetFhirAsync<Bundle>($"/fhir/DiagnosticReport?patient={mrn}");
        var labs = await _client.GetFhirAsync<Bundle>($"/fhir/Observation?patient={mrn}&category=laboratory");

        FhirValidation.AssertValid(requests);
        FhirValidation.AssertValid(reports);
        FhirValidation.AssertValid(labs);
        var request = Assert.Single(requests.Resources<ServiceRequest>());
        Assert.Equal((RequestStatus.Completed, RequestIntent.Order, RequestPriority.Stat, "2823-3"),
            (request.Status, request.Intent, request.Priority, request.Code.Coding[0].Code));
        var observation = Assert.Single(labs.Resources<Observation>());
        Assert.Equal(("laboratory", "2823-3", 5.9m, "mmol/L"),
            (observation.Category[0].Coding[0].Code, observation.Code.Coding[0].Code, ((Quantity)observation.Value).Value, ((Quantity)observation.Value).Unit));
        Assert.Equal((3.5m, 5.1m), (observation.ReferenceRange[0].Low.Value, observation.ReferenceRange[0].High.Value));
        Assert.Equal("H", observation.Interpretation[0].Coding[0].Code);
        Assert.Equal($"ServiceRequest/{request.Id}", observation.BasedOn[0].Reference);
        var report = Assert.Single(reports.Resources<DiagnosticReport>());
        Assert.Equal($"Observation/{observation.Id}", Assert.Single(report.Result).Reference);
        Assert.Equal($"ServiceRequest/{request.Id}", report.BasedOn[0].Reference);
    }

    [Fact]
    public async Task EachLabResourceReadsByTheIdItsSearchGave()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var orderId = (await (await _client.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders", new { code = "718-7" })).ReadJsonAsync()).GetProperty("id").GetString();
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/labs", new { loinc = "718-7", name = "Haemoglobin", value = 131m, unit = "g/L", orderId }))
            .EnsureSuccessStatusCode();
        var report = (await _client.GetFhirAsync<Bundle>($"/fhir/DiagnosticReport?patient={mrn}")).Resources<DiagnosticReport>().Single();

        var read = await _client.GetFhirAsync<DiagnosticReport>($"/fhir/DiagnosticReport/{report.Id}");
        var request = await _client.GetFhirAsync<ServiceRequest>($"/fhir/{read.BasedOn[0].Reference}");
        var result = await _client.GetFhirAsync<Observation>($"/fhir/{read.Result[0].Reference}");

        Assert.Equal(report.Id, read.Id);
        Assert.Equal("718-7", request.Code.Coding[0].Code);
        Assert.Equal(131m, ((Quantity)result.Value).Value);
        await _client.GetOutcomeAsync($"/fhir/ServiceRequest/{mrn}.LO-NOPE-1", System.Net.HttpStatusCode.NotFound);
    }
}
