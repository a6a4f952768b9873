// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.Api.Fhir;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

[Collection(SqliteApiCollection.Name)]
public sealed class FhirLocationTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnOccupiedBedIsALocationPartOfItsWardWithStatusO()
    {
        var (wardId, beds) = await Requests.WardAsync(_client);
        await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);

        var bed = await _client.GetFhirAsync<Location>($"/fhir/Location/{beds[0]}");
        var ward = await _client.GetFhirAsync<Location>($"/fhir/Location/{wardId}");

        FhirValidation.AssertValid(bed);
        FhirValidation.AssertValid(ward);
        Assert.Equal((FhirSystems.BedOccupancy, "O"), (bed.OperationalStatus.System, bed.OperationalStatus.Code));
        Assert.Equal("Occupied", bed.GetExtensionValue<Code>(FhirSystems.BedStatusExtension).Value);
        Assert.Equal($"Location/{wardId}", bed.PartOf.Reference);
        Assert.Equal("bd", bed.PhysicalType.Coding[0].Code);
        Assert.Equal(("wa", "Ward " + wardId), (ward.PhysicalType.Coding[0].Code, ward.Name));
    }

    [Theory]
    [InlineData("Blocked", "maintenance", "C")]
    [InlineData("Blocked", "isolated", "I")]
    [InlineData("Blocked", "contaminated", "K")]
    [InlineData("Blocked,Dirty", "maintenance", "H")]
    [InlineData("Blocked,Dirty,Cleaning", "maintenance", "H")]
    [InlineData("Blocked,Available", "maintenance", "U")]
    public async Task OurBedStatusMapsToV2BedStatusAndStaysInTheExtension(string path, string reason, string v2)
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        foreach (var step in path.Split(','))
        {
            (await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = step, reason })).EnsureSuccessStatusCode();
        }

        var status = path.Split(',')[^1];

        var bed = await _client.GetFhirAsync<Location>($"/fhir/Location/{beds[0]}");

        Assert.Equal(v2, bed.OperationalStatus.Code);
        Assert.Equal(status, bed.GetExtensionValue<Code>(FhirSystems.BedStatusExtension).Value);
    }

    [Fact]
    public async Task SearchingByPartOfListsTheWardsBedsAndPages()
    {
        var (wardId, beds) = await Requests.WardAsync(_client, beds: 3);

        var all = await _client.GetFhirAsync<Bundle>($"/fhir/Location?partof=Location/{wardId}");
        var page = await _client.GetFhirAsync<Bundle>($"/fhir/Location?partof={wardId}&_count=2&_offset=2");
        var everything = await _client.GetFhirAsync<Bundle>("/fhir/Location?_count=1");

        FhirValidation.AssertValid(all);
        Assert.Equal(beds, all.Resources<Location>().Select(l => l.Id));
        Assert.Equal((3, beds[2]), (page.Total, Assert.Single(page.Entry).Resource.Id));
        Assert.NotNull(page.LinkUrl("previous"));
        Assert.True(everything.Total >= 4);
        Assert.NotNull(everything.LinkUrl("next"));
    }

    [Fact]
    public async Task AnUnknownLocationIsA404OperationOutcome()
    {
        await _client.GetOutcomeAsync("/fhir/Location/NO-SUCH-BED", System.Net.HttpStatusCode.NotFound);
    }
}
