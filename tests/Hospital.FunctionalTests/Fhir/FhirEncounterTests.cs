// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

[Collection(SqliteApiCollection.Name)]
public sealed class FhirEncounterTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ATransferredAdmissionIsAnInpatientEncounterWithItsBedHistory()
    {
        var (_, beds) = await Requests.WardAsync(_client);
        var mrn = await Requests.RegisterAsync(_client);
        var encounterId = await Requests.AdmitAsync(_client, mrn, beds[0]);
        (await _client.PostAsJsonAsync($"/api/admissions/{encounterId}/transfer", new { bedId = beds[1] })).EnsureSuccessStatusCode();

        var encounter = await _client.GetFhirAsync<Encounter>($"/fhir/Encounter/{encounterId}");

        FhirValidation.AssertValid(encounter);
        Assert.Equal(Encounter.EncounterStatus.InProgress, encounter.Status);
        Assert.Equal("IMP", encounter.Class.Code);
        Assert.Equal($"Patient/{mrn}", encounter.Subject.Reference);
        Assert.NotNull(encounter.Period.Start);
        Assert.Equal([$"Location/{beds[0]}", $"Location/{beds[1]}"], encounter.Location.Select(l => l.Location.Reference));
        Assert.Equal([Encounter.EncounterLocationStatus.Completed, Encounter.EncounterLocationStatus.Active], encounter.Location.Select(l => l.Status));
        Assert.NotNull(encounter.Location[0].Period.End);
        Assert.Null(encounter.Location[1].Period.End);
    }

    [Fact]
    public async Task SearchingByPatientFindsEveryAdmissionNewestFirst()
    {
        var (_, beds) = await Requests.WardAsync(_client);
        var mrn = await Requests.RegisterAsync(_client);
        var first = await Requests.AdmitAsync(_client, mrn, beds[0]);
        (await _client.PostAsJsonAsync($"/api/admissions/{first}/discharge", new { })).EnsureSuccessStatusCode();
        var second = await Requests.AdmitAsync(_client, mrn, beds[1]);

        var all = await _client.GetFhirAsync<Bundle>($"/fhir/Encounter?patient=Patient/{mrn}");
        var finished = await _client.GetFhirAsync<Bundle>($"/fhir/Encounter?patient={mrn}&status=finished");
        var bySubject = await _client.GetFhirAsync<Bundle>($"/fhir/Encounter?subject=Patient/{mrn}");

        FhirValidation.AssertValid(all);
        Assert.Equal([second, first], all.Resources<Encounter>().Select(e => e.Id));
        Assert.Equal(first, Assert.Single(finished.Resources<Encounter>()).Id);
        Assert.Equal([second, first], bySubject.Resources<Encounter>().Select(e => e.Id));
        Assert.Equal(Encounter.EncounterStatus.Finished, finished.Resources<Encounter>().Single().Status);
    }

    [Fact]
    public async Task AnUnknownEncounterIsA404OperationOutcome()
    {
        await _client.GetOutcomeAsync("/fhir/Encounter/ENC-NOPE", System.Net.HttpStatusCode.NotFound);
    }
}
