using System.Net;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>FHIR routes take the permissions of the matching REST routes and are audited like them.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirAccessTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task AnAnonymousCallerIsRefusedWith401()
    {
        var mrn = await Requests.RegisterAsync(_admin);

        var response = await factory.CreateAnonymousClient().GetAsync($"/fhir/Patient/{mrn}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ARoleWithoutChartReadIsRefusedObservationsButReadsBeds()
    {
        var (_, beds) = await Requests.WardAsync(_admin, beds: 1);
        var mrn = await Requests.RegisterAsync(_admin);
        var bedManager = await TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, "BedManager");

        var observations = await bedManager.GetAsync($"/fhir/Observation?patient={mrn}");
        var bed = await bedManager.GetAsync($"/fhir/Location/{beds[0]}");

        Assert.Equal(HttpStatusCode.Forbidden, observations.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bed.StatusCode);
    }

    [Fact]
    public async Task AFhirReadIsAuditedWithItsPatient()
    {
        var mrn = await Requests.RegisterAsync(_admin);

        (await _admin.GetAsync($"/fhir/Patient/{mrn}")).EnsureSuccessStatusCode();

        var audit = await (await _admin.GetAsync($"/api/audit?mrn={mrn}")).ReadJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.GetRawText().Contains("GET /fhir/Patient/{id}"));
    }
}
