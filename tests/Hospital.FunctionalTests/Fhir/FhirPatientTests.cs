// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.Api.Fhir;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

[Collection(SqliteApiCollection.Name)]
public sealed class FhirPatientTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheCapabilityStatementListsEveryResourceAndItsSearchParameters()
    {
        var capabilities = await factory.CreateAnonymousClient().GetFhirAsync<CapabilityStatement>("/fhir/metadata");

        FhirValidation.AssertValid(capabilities);
        Assert.Equal(FHIRVersion.N4_0_1, capabilities.FhirVersion);
        var resources = Assert.Single(capabilities.Rest).Resource;
        Assert.Equal(["Patient", "Location", "Encounter", "Observation", "ServiceRequest", "DiagnosticReport", "AllergyIntolerance", "Condition",
            "MedicationRequest", "MedicationAdministration", "Claim"], resources.Select(r => r.Type));
        Assert.Contains(resources[0].SearchParam, p => p.Name == "identifier");
    }

    [Fact]
    public async Task APatientReadsWithTheMrnAsIdAndIdentifier()
    {
        var mrn = await Requests.RegisterAsync(_client, Requests.Patient("Zoë", "Okafor", "1961-07-14", "female"));

        var response = await _client.GetAsync($"/fhir/Patient/{mrn}");

        var patient = await response.ReadFhirAsync<Patient>(HttpStatusCode.OK);
        FhirValidation.AssertValid(patient);
        Assert.Equal(mrn, patient.Id);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        var identifier = Assert.Single(patient.Identifier);
        Assert.Equal((FhirSystems.Mrn, mrn), (identifier.System, identifier.Value));
        Assert.Equal("MR", identifier.Type.Coding[0].Code);
        Assert.Equal(("Okafor", "Zoë"), (patient.Name[0].Family, patient.Name[0].Given.Single()));
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal("1961-07-14", patient.BirthDate);
    }

    [Fact]
    public async Task FormatXmlAnswersTheSameResourceInXml()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.GetAsync($"/fhir/Patient/{mrn}?_format=xml");

        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = System.Xml.XmlReader.Create(await response.Content.ReadAsStreamAsync());
        Assert.True(new Hl7.Fhir.Serialization.FhirXmlDeserializer().TryDeserializeResource(reader, out var resource, out var issues), string.Join("; ", issues ?? []));
        Assert.Equal(mrn, Assert.IsType<Patient>(resource).Id);
        await _client.GetOutcomeAsync($"/fhir/Patient/{mrn}?_format=turtle", HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task AnUnknownPatientOrAnUnservedTypeIsA404OperationOutcome()
    {
        var issue = await _client.GetOutcomeAsync("/fhir/Patient/NOPE-404", HttpStatusCode.NotFound);
        var unservedType = await _client.GetOutcomeAsync("/fhir/Practitioner/P1", HttpStatusCode.NotFound);

        Assert.Equal(OperationOutcome.IssueType.NotFound, issue.Code);
        Assert.Equal(OperationOutcome.IssueType.NotFound, unservedType.Code);
    }

    [Fact]
    public async Task SearchingByIdentifierNameAndBirthdateFindsThePatient()
    {
        var family = "Fhirsearch" + Guid.NewGuid().ToString("N")[..6];
        var mrn = await Requests.RegisterAsync(_client, Requests.Patient("Ann", family, "1950-02-03"));
        await Requests.RegisterAsync(_client, Requests.Patient("Bob", family, "1970-01-01", "male"));

        var byIdentifier = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?identifier={Uri.EscapeDataString(FhirSystems.Mrn + "|" + mrn)}");
        var byName = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?name={family}&birthdate=1950-02-03");
        var otherSystem = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?identifier=urn:other|{mrn}");

        FhirValidation.AssertValid(byName);
        Assert.Equal(mrn, Assert.Single(byIdentifier.Resources<Patient>()).Id);
        Assert.Equal(mrn, Assert.Single(byName.Resources<Patient>()).Id);
        Assert.Equal((Bundle.BundleType.Searchset, 1), (byName.Type, byName.Total));
        Assert.Empty(otherSystem.Entry);
    }

    [Fact]
    public async Task ASearchPagesWithCountAndNextAndPreviousLinks()
    {
        var family = "Fhirpage" + Guid.NewGuid().ToString("N")[..6];
        foreach (var given in new[] { "Ann", "Bea", "Cy" })
        {
            await Requests.RegisterAsync(_client, Requests.Patient(given, family));
        }

        var first = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?name={family}&_count=2");
        var second = await _client.GetFhirAsync<Bundle>(first.LinkUrl("next")!);

        Assert.Equal((3, 2), (first.Total, first.Entry.Count));
        Assert.Null(first.LinkUrl("previous"));
        Assert.Contains("_count=2", first.LinkUrl("self"));
        Assert.Equal((3, 1), (second.Total, second.Entry.Count));
        Assert.Null(second.LinkUrl("next"));
        Assert.NotNull(second.LinkUrl("previous"));
        Assert.Equal(3, first.Entry.Concat(second.Entry).Select(e => e.Resource.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("/fhir/Patient?_count=-1")]
    [InlineData("/fhir/Patient?_count=ten")]
    [InlineData("/fhir/Patient?_offset=-1")]
    [InlineData("/fhir/Patient?birthdate=03-02-1950")]
    [InlineData("/fhir/Encounter?_count=5")]
    public async Task ABadSearchIsA400OperationOutcome(string url)
    {
        var issue = await _client.GetOutcomeAsync(url, HttpStatusCode.BadRequest);

        Assert.Equal(OperationOutcome.IssueType.Invalid, issue.Code);
    }

    [Fact]
    public async Task AnUnknownParameterIsIgnoredUnlessTheClientAsksForStrictHandling()
    {
        var mrn = await Requests.RegisterAsync(_client, Requests.Patient("Imogen", "Strictland"));

        var lenient = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?identifier={mrn}&colour=blue&_summary=false");
        using var strict = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient?colour=blue");
        strict.Headers.Add("Prefer", "handling=strict");
        var refused = await _client.SendAsync(strict);

        Assert.Equal(mrn, Assert.Single(lenient.Entry).Resource.Id);
        Assert.DoesNotContain("colour", lenient.LinkUrl("self"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task CountZeroGivesTheTotalOnlyAndALargeCountIsServedAtMostAThousand()
    {
        var mrn = await Requests.RegisterAsync(_client, Requests.Patient("Ottilie", "Countwell"));

        var totalOnly = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?family=countwell&_count=0");
        var large = await _client.GetFhirAsync<Bundle>($"/fhir/Patient?given=ottilie&family=countwell&_count=5000");

        Assert.Equal((1, 0), (totalOnly.Total, totalOnly.Entry.Count));
        Assert.Null(totalOnly.LinkUrl("next"));
        Assert.Equal(mrn, Assert.Single(large.Entry).Resource.Id);
        Assert.Contains("_count=1000", large.LinkUrl("self"));
    }
}
