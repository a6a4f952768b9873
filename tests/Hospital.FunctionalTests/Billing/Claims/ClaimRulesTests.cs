using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using static Hospital.FunctionalTests.Billing.Claims.InsuranceRequests;

namespace Hospital.FunctionalTests.Billing.Claims;

/// <summary>What the claim routes refuse: illegal transitions (409), bad input (400), unknown ids (404) and roles (403); none changes anything.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class ClaimRulesTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private async Task<(string EncounterId, string ClaimId)> DraftAsync()
    {
        var (_, encounterId, _, _) = await InsuredAdmissionAsync(_admin);
        await ChargeAsync(_admin, encounterId, await PriceAsync(_admin, "Dressing", 10.10m), 2);
        return (encounterId, (await CreateClaimAsync(_admin, encounterId)).GetProperty("id").GetString()!);
    }

    private static object Remittance(decimal paid, decimal adjusted = 0, decimal patientResponsibility = 0, int line = 1) =>
        new { reference = "ERA-X", lines = new[] { new { line, paid, adjusted, patientResponsibility } } };

    [Fact]
    public async Task AnIllegalTransitionIs409NamingTheStatesAndChangesNothing()
    {
        var (_, claimId) = await DraftAsync();
        var before = await GetAsync(_admin, $"/api/claims/{claimId}");

        foreach (var (step, body) in new (string, object)[] { ("accept", new { }), ("reject", new { reason = "x" }), ("resubmit", new { }), ("deny", new { reason = "x" }), ("remittance", Remittance(20.20m)) })
        {
            var response = await _admin.PostAsJsonAsync($"/api/claims/{claimId}/{step}", body);
            var problem = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{step}: {problem}");
            Assert.Contains("Draft", problem.GetProperty("detail").GetString());
            Assert.Equal(["Submitted"], problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        }

        await StepAsync(_admin, claimId, "submit");
        var twice = await _admin.PostAsJsonAsync($"/api/claims/{claimId}/submit", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(["Accepted", "Rejected"], (await twice.ReadJsonAsync()).GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        await StepAsync(_admin, claimId, "accept");
        await StepAsync(_admin, claimId, "remittance", Remittance(20.20m));
        var final = await _admin.PostAsJsonAsync($"/api/claims/{claimId}/resubmit", new { });
        Assert.Equal(HttpStatusCode.Conflict, final.StatusCode);
        Assert.Contains("Paid is final", (await final.ReadJsonAsync()).GetProperty("detail").GetString());
        var other = await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", Remittance(10.10m, 10.10m));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        var after = await GetAsync(_admin, $"/api/claims/{claimId}");
        Assert.Equal(before.GetProperty("version").GetInt64() + 3, after.GetProperty("version").GetInt64());
        Assert.Equal(4, after.GetProperty("history").GetArrayLength());
        Assert.Equal(20.20m, (await GetAsync(_admin, $"/api/admissions/{before.GetProperty("encounterId").GetString()}/account")).Money("paid"));
    }

    [Fact]
    public async Task AnAdmissionIsClaimedOnceUnderACoverageAndNotWithoutOneOrWithoutCharges()
    {
        var (encounterId, claimId) = await DraftAsync();
        var again = await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/claims", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(claimId, (await again.ReadJsonAsync()).GetProperty("detail").GetString());

        var mrn = await Requests.RegisterAsync(_admin);
        var uninsured = await Requests.AdmitAsync(_admin, mrn, (await Requests.WardAsync(_admin, beds: 1)).BedIds[0]);
        await ChargeAsync(_admin, uninsured, await PriceAsync(_admin, "Dressing", 1m), 1);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync($"/api/admissions/{uninsured}/claims", new { })).StatusCode);

        var (_, empty, _, _) = await InsuredAdmissionAsync(_admin);
        var nothing = await _admin.PostAsJsonAsync($"/api/admissions/{empty}/claims", new { });
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.Empty((await GetAsync(_admin, $"/api/admissions/{empty}/claims")).EnumerateArray());
    }

    [Fact]
    public async Task BadInputIs400WithTheFieldAndChangesNothing()
    {
        var (_, claimId) = await DraftAsync();
        await StepAsync(_admin, claimId, "submit");
        await StepAsync(_admin, claimId, "accept");
        var before = await GetAsync(_admin, $"/api/claims/{claimId}");

        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", Remittance(20.19m))).AssertInvalidAsync("lines[0]");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", Remittance(20.205m))).AssertInvalidAsync("lines[0].paid");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", Remittance(21.20m, -1m))).AssertInvalidAsync("lines[0].adjusted");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", Remittance(20.20m, line: 2))).AssertInvalidAsync("lines[0].line");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", new { reference = "ERA", lines = Array.Empty<object>() })).AssertInvalidAsync("lines");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", new { lines = new[] { new { line = 1, paid = 20.20m } } })).AssertInvalidAsync("reference");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/remittance", new { reference = "ERA", lines = new[] { new { line = 1, paid = "20.20" } } })).AssertInvalidAsync("lines[0].paid");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/deny", new { reason = " " })).AssertInvalidAsync("reason");
        await (await _admin.PostAsJsonAsync($"/api/claims/{claimId}/deny", new { reason = new string('r', 501) })).AssertInvalidAsync("reason");
        await (await _admin.GetAsync("/api/claims?status=Lost")).AssertInvalidAsync("status");
        await (await _admin.GetAsync("/api/claims?limit=0")).AssertInvalidAsync("limit");

        var mrn = await Requests.RegisterAsync(_admin);
        var payerId = await PayerAsync(_admin);
        await (await _admin.PostAsJsonAsync("/api/payers", new { id = "bad id!", name = "X" })).AssertInvalidAsync("id");
        await (await _admin.PostAsJsonAsync("/api/payers", new { id = NewId("P"), name = new string('n', 201) })).AssertInvalidAsync("name");
        await (await _admin.PostAsJsonAsync("/api/payers", new { id = NewId("P"), name = "X", kind = "Friend" })).AssertInvalidAsync("kind");
        foreach (var priority in new[] { 0, 10 })
        {
            await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage", new { payerId, memberId = "M1", plan = "Gold", priority })).AssertInvalidAsync("priority");
        }

        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage", new { payerId, plan = "Gold", priority = 1 })).AssertInvalidAsync("memberId");
        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage",
            new { payerId, memberId = "M1", plan = "Gold", priority = 1, validFrom = "2027-02-01", validTo = "2027-01-01" })).AssertInvalidAsync("validTo");
        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage", new { payerId, memberId = "M1", plan = "Gold", priority = 1, validFrom = "someday" })).AssertInvalidAsync("validFrom");

        var after = await GetAsync(_admin, $"/api/claims/{claimId}");
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Empty((await GetAsync(_admin, $"/api/patients/{mrn}/coverage")).EnumerateArray());
        Assert.Equal(0m, (await GetAsync(_admin, $"/api/admissions/{after.GetProperty("encounterId").GetString()}/account")).Money("paid"));
    }

    [Fact]
    public async Task UnknownClaimsAdmissionsPayersPatientsAndCoveragesAre404()
    {
        var mrn = await Requests.RegisterAsync(_admin);
        var payerId = await PayerAsync(_admin);
        var coverage = new { payerId, memberId = "M1", plan = "Gold", priority = 1 };
        var missing = new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "/api/claims/CLMNOPE", null),
            (HttpMethod.Get, "/api/claims/CLMNOPE/fhir", null),
            (HttpMethod.Post, "/api/claims/CLMNOPE/submit", new { }),
            (HttpMethod.Post, "/api/claims/CLMNOPE/reject", new { reason = "x" }),
            (HttpMethod.Post, "/api/admissions/ENOPE/claims", new { }),
            (HttpMethod.Get, "/api/admissions/ENOPE/claims", null),
            (HttpMethod.Get, "/api/payers/NOPE", null),
            (HttpMethod.Post, "/api/patients/MRN-NOPE/coverage", coverage),
            (HttpMethod.Get, "/api/patients/MRN-NOPE/coverage", null),
            (HttpMethod.Post, $"/api/patients/{mrn}/coverage", coverage with { payerId = "NOPE" }),
            (HttpMethod.Post, $"/api/patients/{mrn}/coverage/COVNOPE/end", new { reason = "x" }),
        };
        foreach (var (method, path, body) in missing)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await _admin.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var (_, encounterId, _, _) = await InsuredAdmissionAsync(_admin);
        await ChargeAsync(_admin, encounterId, await PriceAsync(_admin, "Dressing", 1m), 1);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/claims", new { coverageId = "COVNOPE" })).StatusCode);
    }

    [Fact]
    public async Task ANurseMayNotSeeOrChangeInsuranceWhileBillingMay()
    {
        var (encounterId, claimId) = await DraftAsync();
        var mrn = (await GetAsync(_admin, $"/api/claims/{claimId}")).GetProperty("mrn").GetString();
        var nurse = await TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, "Nurse");
        var billing = await TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, "Billing");
        var forbidden = new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "/api/payers", null),
            (HttpMethod.Post, "/api/payers", new { id = NewId("P"), name = "X" }),
            (HttpMethod.Get, $"/api/patients/{mrn}/coverage", null),
            (HttpMethod.Post, $"/api/patients/{mrn}/coverage", new { payerId = "P", memberId = "M", plan = "G", priority = 2 }),
            (HttpMethod.Get, "/api/claims", null),
            (HttpMethod.Get, $"/api/claims/{claimId}", null),
            (HttpMethod.Get, $"/api/claims/{claimId}/fhir", null),
            (HttpMethod.Get, $"/fhir/Claim/{claimId}", null),
            (HttpMethod.Get, $"/api/admissions/{encounterId}/claims", null),
            (HttpMethod.Post, $"/api/admissions/{encounterId}/claims", new { }),
            (HttpMethod.Post, $"/api/claims/{claimId}/submit", new { }),
        };
        foreach (var (method, path, body) in forbidden)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            Assert.True((await nurse.SendAsync(request)).StatusCode == HttpStatusCode.Forbidden, $"{method} {path}");
        }

        Assert.Equal("Draft", (await GetAsync(billing, $"/api/claims/{claimId}")).Status());
        Assert.NotEmpty((await GetAsync(billing, $"/api/patients/{mrn}/coverage")).EnumerateArray());
        Assert.NotEmpty((await GetAsync(billing, "/api/payers")).EnumerateArray());
        Assert.Equal("Submitted", (await StepAsync(billing, claimId, "submit")).Status());
        var audit = await GetAsync(_admin, $"/api/audit?mrn={mrn}&limit=1000");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("payload").GetString()!.Contains("/api/claims/{claimId}"));
    }
}
