using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>FHIR routes take the permissions of the matching REST routes and are audited like them.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirAccessTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task AnAnonymousCallerIsRefusedWithA401OperationOutcome()
    {
        var mrn = await Requests.RegisterAsync(_admin);

        var issue = await factory.CreateAnonymousClient().GetOutcomeAsync($"/fhir/Patient/{mrn}", HttpStatusCode.Unauthorized);

        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
    }

    [Fact]
    public async Task ARoleWithoutChartReadIsRefusedObservationsWithA403OperationOutcomeButReadsBeds()
    {
        var (_, beds) = await Requests.WardAsync(_admin, beds: 1);
        var mrn = await Requests.RegisterAsync(_admin);
        var bedManager = await TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, "BedManager");

        var refused = await bedManager.GetOutcomeAsync($"/fhir/Observation?patient={mrn}", HttpStatusCode.Forbidden);
        var bed = await bedManager.GetFhirAsync<Location>($"/fhir/Location/{beds[0]}");

        Assert.Equal(OperationOutcome.IssueType.Forbidden, refused.Code);
        Assert.Equal(beds[0], bed.Id);
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
