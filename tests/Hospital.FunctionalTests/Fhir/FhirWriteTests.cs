// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net;
using Hl7.Fhir.Model;
using Hospital.Api.Fhir;
using Hospital.FunctionalTests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>Patient create and update, and vital-signs create, go through the REST routes' validation and grain calls.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirWriteTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static Patient NewPatient(string family, string birthDate = "1958-04-30") => new()
    {
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = ["Ada"] }],
        Gender = AdministrativeGender.Female,
        BirthDate = birthDate,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "+44 20 7946 0000")],
    };

    private static Observation Panel(string mrn, int pulse) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept(FhirSystems.Loinc, "85353-1"),
        Subject = new ResourceReference($"Patient/{mrn}"),
        Effective = new FhirDateTime(DateTimeOffset.UtcNow.AddMinutes(-2)),
        Component =
        [
            Sign("9279-1", 17), Sign("2708-6", 95), Sign("8480-6", 118), Sign("8867-4", pulse), Sign("8310-5", 37.4m),
            new() { Code = new CodeableConcept(FhirSystems.Loinc, "67775-7"), Value = new CodeableConcept(FhirSystems.Acvpu, "A") },
            new() { Code = new CodeableConcept(FhirSystems.News2, "on-oxygen"), Value = new FhirBoolean(false) },
        ],
    };

    private static Observation.ComponentComponent Sign(string loinc, decimal value) =>
        new() { Code = new CodeableConcept(FhirSystems.Loinc, loinc), Value = new Quantity { Value = value, Code = loinc == "8310-5" ? "Cel" : null } };

    [Fact]
    public async Task CreatingAPatientRegistersThemWithANewMrn()
    {
        var family = "Fhircreate" + Guid.NewGuid().ToString("N")[..6];

        var response = await _client.SendFhirAsync(HttpMethod.Post, "/fhir/Patient", NewPatient(family));

        var created = await response.ReadFhirAsync<Patient>(HttpStatusCode.Created);
        FhirValidation.AssertValid(created);
        Assert.Equal($"/fhir/Patient/{created.Id}", response.Headers.Location?.OriginalString);
        var rest = await (await _client.GetAsync($"/api/patients/{created.Id}")).ReadJsonAsync();
        Assert.Equal((family, "Ada", "1958-04-30", "female", "+44 20 7946 0000"), (rest.GetProperty("name").GetProperty("family").GetString(),
            rest.GetProperty("name").GetProperty("given").GetString(), rest.GetProperty("birthDate").GetString(), rest.GetProperty("sex").GetString(),
            rest.GetProperty("phone").GetString()));
    }

    [Theory]
    [InlineData("2999-01-01", "birthDate")]
    [InlineData("1958", null)]
    public async Task AnInvalidPatientIsA400OperationOutcomeAndRegistersNobody(string birthDate, string? field)
    {
        var family = "Fhirinvalid" + Guid.NewGuid().ToString("N")[..6];

        var outcome = await (await _client.SendFhirAsync(HttpMethod.Post, "/fhir/Patient", NewPatient(family, birthDate))).ReadFhirAsync<OperationOutcome>(HttpStatusCode.BadRequest);

        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueType.Invalid, i.Code));
        if (field is not null)
        {
            Assert.Contains(outcome.Issue, i => i.Expression.Contains(field));
        }

        Assert.Empty((await (await _client.GetAsync($"/api/patients?name={family}")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task AnUnreadableBodyIsA400AndAnotherMediaTypeA415()
    {
        var unreadable = await _client.PostAsync("/fhir/Patient",
            new StringContent("{\"resourceType\":\"Patient\",\"gender\":12}", System.Text.Encoding.UTF8, FhirResults.ContentType));
        var xml = await _client.PostAsync("/fhir/Patient", new StringContent("<Patient/>", System.Text.Encoding.UTF8, "application/fhir+xml"));

        await unreadable.ReadFhirAsync<OperationOutcome>(HttpStatusCode.BadRequest);
        await xml.ReadFhirAsync<OperationOutcome>(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UpdatingAPatientReplacesTheirDemographics()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var patient = await _client.GetFhirAsync<Patient>($"/fhir/Patient/{mrn}");
        patient.Name[0].Family = "Lee-Smith";

        var updated = await (await _client.SendFhirAsync(HttpMethod.Put, $"/fhir/Patient/{mrn}", patient)).ReadFhirAsync<Patient>(HttpStatusCode.OK);
        var otherId = await _client.SendFhirAsync(HttpMethod.Put, "/fhir/Patient/SOMEONE-ELSE", patient);
        patient.Id = "H99999999";
        var unknown = await _client.SendFhirAsync(HttpMethod.Put, "/fhir/Patient/H99999999", patient);

        Assert.Equal(("Lee-Smith", "2"), (updated.Name[0].Family, updated.Meta.VersionId));
        Assert.Equal("Lee-Smith", (await (await _client.GetAsync($"/api/patients/{mrn}")).ReadJsonAsync()).GetProperty("name").GetProperty("family").GetString());
        await otherId.ReadFhirAsync<OperationOutcome>(HttpStatusCode.BadRequest);
        await unknown.ReadFhirAsync<OperationOutcome>(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostingAVitalSignsPanelRecordsTheSetAndAnswersWithThePanel()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.SendFhirAsync(HttpMethod.Post, "/fhir/Observation", Panel(mrn, pulse: 77));

        var panel = await response.ReadFhirAsync<Observation>(HttpStatusCode.Created);
        FhirValidation.AssertValid(panel);
        Assert.Equal($"/fhir/Observation/{panel.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(6, panel.HasMember.Count);
        var rest = (await (await _client.GetAsync($"/api/patients/{mrn}/vitals")).ReadJsonAsync()).EnumerateArray().Single();
        Assert.Equal((77, 17, 95, 118, 37.4m, "A"), (rest.GetProperty("pulse").GetInt32(), rest.GetProperty("respiratoryRate").GetInt32(),
            rest.GetProperty("spo2").GetInt32(), rest.GetProperty("systolicBp").GetInt32(), rest.GetProperty("temperature").GetDecimal(),
            rest.GetProperty("consciousness").GetString()));
    }

    [Theory]
    [InlineData(999)]
    [InlineData(-1)]
    public async Task AnInvalidPanelIsA400OperationOutcomeAndRecordsNothing(int pulse)
    {
        var mrn = await Requests.RegisterAsync(_client);

        var outcome = await (await _client.SendFhirAsync(HttpMethod.Post, "/fhir/Observation", Panel(mrn, pulse))).ReadFhirAsync<OperationOutcome>(HttpStatusCode.BadRequest);

        Assert.Contains(outcome.Issue, i => i.Expression.Contains("pulse"));
        Assert.Empty((await (await _client.GetAsync($"/api/patients/{mrn}/vitals")).ReadJsonAsync()).EnumerateArray());
    }
}
