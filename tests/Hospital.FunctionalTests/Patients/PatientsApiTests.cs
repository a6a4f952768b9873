using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Patients;

[Collection(SqliteApiCollection.Name)]
public sealed class PatientsApiTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ARegisteredPatientCanBeReadBackByMrn()
    {
        var response = await _client.PostAsJsonAsync("/api/patients", Requests.Patient("Ann", "Lee", "1950-02-03", "female"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var mrn = created.GetProperty("mrn").GetString();
        Assert.Equal($"/api/patients/{mrn}", response.Headers.Location?.OriginalString);
        var read = await (await _client.GetAsync($"/api/patients/{mrn}")).ReadJsonAsync();
        Assert.Equal("Lee", read.GetProperty("name").GetProperty("family").GetString());
        Assert.Equal("1950-02-03", read.GetProperty("birthDate").GetString());
        Assert.Equal("female", read.GetProperty("sex").GetString());
    }

    [Fact]
    public async Task UpdatingDemographicsReplacesThemAndBumpsTheVersion()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PutAsJsonAsync($"/api/patients/{mrn}", Requests.Patient("Ann", "Lee-Smith"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await (await _client.GetAsync($"/api/patients/{mrn}")).ReadJsonAsync();
        Assert.Equal("Lee-Smith", read.GetProperty("name").GetProperty("family").GetString());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task EveryRegistrationGetsItsOwnMrn()
    {
        var mrns = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Requests.RegisterAsync(_client)));

        Assert.Equal(mrns.Length, mrns.Distinct().Count());
    }

    [Fact]
    public async Task RegistrationIsJournaledWithWhoAndWhen()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var entries = await (await _client.GetAsync($"/api/journal?mrn={mrn}")).ReadJsonAsync();

        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal("PatientRegistered", entry.GetProperty("kind").GetString());
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
        Assert.True(entry.GetProperty("occurredAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task AnUnknownMrnIsNotFound()
    {
        var response = await _client.GetAsync("/api/patients/H99999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UpdatingAnUnknownMrnIsNotFound()
    {
        var response = await _client.PutAsJsonAsync("/api/patients/H99999999", Requests.Patient());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
