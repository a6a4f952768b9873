// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.Api.Fhir;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

[Collection(SqliteApiCollection.Name)]
public sealed class FhirObservationTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    internal static object Vitals(int pulse = 72) =>
        new { respiratoryRate = 18, spo2 = 96, onOxygen = false, systolicBp = 124, pulse, consciousness = "A", temperature = 37.1m };

    [Fact]
    public async Task AVitalSignsSetIsOneLoincCodedObservationPerSignAndAPanelOfThem()
    {
        var mrn = await Requests.RegisterAsync(_client);
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/vitals", Vitals(pulse: 88))).EnsureSuccessStatusCode();

        var bundle = await _client.GetFhirAsync<Bundle>($"/fhir/Observation?patient=Patient/{mrn}");

        FhirValidation.AssertValid(bundle);
        var observations = bundle.Resources<Observation>().ToDictionary(o => o.Code.Coding[0].Code);
        Assert.Equal(["85353-1", "9279-1", "2708-6", "85354-9", "8867-4", "8310-5", "67775-7"], observations.Keys);
        Assert.Equal(observations.Values.Skip(1).Select(o => $"Observation/{o.Id}"), observations["85353-1"].HasMember.Select(m => m.Reference));
        Assert.All(observations.Values, o => Assert.Equal("vital-signs", o.Category[0].Coding[0].Code));
        Assert.All(observations.Values, o => Assert.Equal($"Patient/{mrn}", o.Subject.Reference));
        Assert.Equal(88m, ((Quantity)observations["8867-4"].Value).Value);
        Assert.Equal(37.1m, ((Quantity)observations["8310-5"].Value).Value);
        var systolic = observations["85354-9"].Component.Single(c => c.Code.Coding[0].Code == "8480-6");
        Assert.Equal(("mm[Hg]", 124m), (((Quantity)systolic.Value).Code, ((Quantity)systolic.Value).Value));
        Assert.Equal("A", ((CodeableConcept)observations["67775-7"].Value).Coding[0].Code);
    }

    [Fact]
    public async Task AnObservationReadsByTheIdItsSearchGave()
    {
        var mrn = await Requests.RegisterAsync(_client);
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/vitals", Vitals())).EnsureSuccessStatusCode();
        var heartRate = (await _client.GetFhirAsync<Bundle>($"/fhir/Observation?patient={mrn}&code={Uri.EscapeDataString(FhirSystems.Loinc + "|8867-4")}"))
            .Resources<Observation>().Single();

        var read = await _client.GetFhirAsync<Observation>($"/fhir/Observation/{heartRate.Id}");

        FhirValidation.AssertValid(read);
        Assert.Equal(heartRate.Id, read.Id);
        Assert.Equal(72m, ((Quantity)read.Value).Value);
    }

    [Fact]
    public async Task ObservationsPageNewestSetFirst()
    {
        var mrn = await Requests.RegisterAsync(_client);
        foreach (var pulse in new[] { 60, 70, 80 })
        {
            (await _client.PostAsJsonAsync($"/api/patients/{mrn}/vitals", Vitals(pulse))).EnsureSuccessStatusCode();
        }

        var first = await _client.GetFhirAsync<Bundle>($"/fhir/Observation?patient={mrn}&code=8867-4&category=vital-signs&_count=2");
        var next = await _client.GetFhirAsync<Bundle>(first.LinkUrl("next")!);

        Assert.Equal(3, first.Total);
        Assert.Equal([80m, 70m], first.Resources<Observation>().Select(o => ((Quantity)o.Value).Value));
        Assert.Equal(60m, ((Quantity)next.Resources<Observation>().Single().Value).Value);
    }

    [Fact]
    public async Task AnUnknownObservationIsA404OperationOutcome()
    {
        var mrn = await Requests.RegisterAsync(_client);

        await _client.GetOutcomeAsync($"/fhir/Observation/{mrn}.OBS-0000000000000000.hr", System.Net.HttpStatusCode.NotFound);
        await _client.GetOutcomeAsync("/fhir/Observation/whatever", System.Net.HttpStatusCode.NotFound);
    }
}
