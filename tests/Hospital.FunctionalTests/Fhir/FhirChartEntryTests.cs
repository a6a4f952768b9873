// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>Allergies as AllergyIntolerance, problems as Condition, medication orders as MedicationRequest and recorded doses as MedicationAdministration.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirChartEntryTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnAllergyIsAnAllergyIntoleranceAndAProblemACondition()
    {
        var mrn = await Requests.RegisterAsync(_client);
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/allergies",
            new { substance = "penicillin", status = "active", reaction = "rash", severity = "moderate", criticality = "high", category = "medication" }))
            .EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/problems", new { code = "J18.9", display = "Pneumonia, unspecified", onset = "2026-11-20", status = "active" }))
            .EnsureSuccessStatusCode();

        var allergies = await _client.GetFhirAsync<Bundle>($"/fhir/AllergyIntolerance?patient={mrn}");
        var conditions = await _client.GetFhirAsync<Bundle>($"/fhir/Condition?patient={mrn}");

        FhirValidation.AssertValid(allergies);
        FhirValidation.AssertValid(conditions);
        var allergy = Assert.Single(allergies.Resources<AllergyIntolerance>());
        Assert.Equal(("penicillin", "active", AllergyIntolerance.AllergyIntoleranceCriticality.High), (allergy.Code.Text, allergy.ClinicalStatus.Coding[0].Code, allergy.Criticality));
        Assert.Equal(("rash", AllergyIntolerance.AllergyIntoleranceSeverity.Moderate), (allergy.Reaction[0].Manifestation[0].Text, allergy.Reaction[0].Severity));
        var condition = Assert.Single(conditions.Resources<Condition>());
        Assert.Equal(("http://hl7.org/fhir/sid/icd-10", "J18.9", "active"), (condition.Code.Coding[0].System, condition.Code.Coding[0].Code, condition.ClinicalStatus.Coding[0].Code));
        Assert.Equal(allergy.Id, (await _client.GetFhirAsync<AllergyIntolerance>($"/fhir/AllergyIntolerance/{allergy.Id}")).Id);
    }

    [Fact]
    public async Task AProblemEnteredInErrorStaysListedAsEnteredInErrorWithoutClinicalStatus()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var entryId = (await (await _client.PostAsJsonAsync($"/api/patients/{mrn}/problems", new { code = "I10", display = "Hypertension", status = "active" }))
            .ReadJsonAsync()).GetProperty("id").GetString();
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/problems/{entryId}/entered-in-error", new { reason = "wrong patient" })).EnsureSuccessStatusCode();

        var condition = await _client.GetFhirAsync<Condition>($"/fhir/Condition/{mrn}.{entryId}");

        FhirValidation.AssertValid(condition);
        Assert.Equal("entered-in-error", condition.VerificationStatus.Coding[0].Code);
        Assert.Null(condition.ClinicalStatus);
    }

    [Fact]
    public async Task AnOrderIsAMedicationRequestAndItsRecordedDoseAMedicationAdministration()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var order = await _client.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", new { drug = "paracetamol", dose = 1, unit = "g", route = "oral", frequency = "prn" });
        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync());
        var orderId = (await order.ReadJsonAsync()).GetProperty("id").GetString();
        (await _client.PostAsJsonAsync($"/api/medication-orders/{orderId}/doses", new { outcome = "Given" })).EnsureSuccessStatusCode();

        var requests = await _client.GetFhirAsync<Bundle>($"/fhir/MedicationRequest?patient={mrn}");
        var administrations = await _client.GetFhirAsync<Bundle>($"/fhir/MedicationAdministration?patient={mrn}");

        FhirValidation.AssertValid(requests);
        FhirValidation.AssertValid(administrations);
        var request = Assert.Single(requests.Resources<MedicationRequest>());
        Assert.Equal((orderId, MedicationRequest.MedicationrequestStatus.Active, "paracetamol"), (request.Id, request.Status, ((CodeableConcept)request.Medication).Coding[0].Display));
        Assert.Equal((1m, "g"), (request.DosageInstruction[0].DoseAndRate[0].Dose is Quantity q ? (q.Value, q.Unit) : default));
        var administration = Assert.Single(administrations.Resources<MedicationAdministration>());
        Assert.Equal((MedicationAdministration.MedicationAdministrationStatusCodes.Completed, $"MedicationRequest/{orderId}"),
            (administration.Status, administration.Request.Reference));
        Assert.Equal(administration.Id, (await _client.GetFhirAsync<MedicationAdministration>($"/fhir/MedicationAdministration/{administration.Id}")).Id);
        Assert.Equal(orderId, (await _client.GetFhirAsync<MedicationRequest>($"/fhir/MedicationRequest/{orderId}")).Id);
    }
}
