using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Security;

/// <summary>Alerts say that something needs a clinician, not the clinical values; every answer carries protective headers.</summary>
public sealed class MinimumNecessaryTests(HospitalFactory factory) : IClassFixture<HospitalFactory>
{
    [Fact]
    public async Task ACriticalResultAlertCarriesNoValueAndABedManagerSeesOnlyThatItExists()
    {
        var admin = factory.CreateClient();
        var (_, beds) = await Requests.WardAsync(admin, beds: 1);
        var mrn = await Requests.RegisterAsync(admin);
        await Requests.AdmitAsync(admin, mrn, beds[0]);
        (await admin.PostAsJsonAsync($"/api/patients/{mrn}/labs", new
        {
            loinc = "2823-3", name = "Potassium", value = 7.3m, unit = "mmol/L", referenceLow = 3.5m, referenceHigh = 5.1m, criticalLow = 2.5m, criticalHigh = 6.5m,
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/patients/{mrn}/vitals", new
        {
            respiratoryRate = 28, spo2 = 89, onOxygen = true, systolicBp = 88, pulse = 135, consciousness = "V", temperature = 39.6m,
        })).EnsureSuccessStatusCode();
        var bedManager = await TestAuth.UserClientAsync(admin, factory.CreateAnonymousClient, "BedManager");

        var asClinician = (await (await admin.GetAsync($"/api/alerts?subject={mrn}")).ReadJsonAsync()).EnumerateArray().ToList();
        var asBedManager = (await (await bedManager.GetAsync($"/api/alerts?subject={mrn}")).ReadJsonAsync()).EnumerateArray().ToList();

        Assert.Contains(asClinician, a => a.GetProperty("kind").GetString() == "CriticalResult");
        Assert.Contains(asClinician, a => a.GetProperty("kind").GetString() == "News2");
        Assert.All(asClinician, a => Assert.DoesNotMatch(@"7\.3|mmol|NEWS2 \d|score", a.GetProperty("message").GetString()!));
        Assert.Equal(asClinician.Count, asBedManager.Count);
        Assert.All(asBedManager, a => Assert.DoesNotContain("Potassium", a.GetProperty("message").GetString()!));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/census")]
    [InlineData("/api/no-such-route")]
    public async Task EveryAnswerCarriesProtectiveHeaders(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task TheDashboardMayRunOnlyItsOwnScriptsAndApiAnswersAreNeverCached()
    {
        var page = await factory.CreateAnonymousClient().GetAsync("/");
        var api = await factory.CreateClient().GetAsync("/api/census");

        Assert.Contains("script-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(api.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task ACrossOriginRequestFromAnotherSiteGetsNoPermission()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/census");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var simple = new HttpRequestMessage(HttpMethod.Get, "/api/census");
        simple.Headers.Add("Origin", "https://evil.example");

        var answers = new[] { await factory.CreateAnonymousClient().SendAsync(preflight), await factory.CreateClient().SendAsync(simple) };

        Assert.All(answers, a => Assert.False(a.Headers.Contains("Access-Control-Allow-Origin")));
    }
}
