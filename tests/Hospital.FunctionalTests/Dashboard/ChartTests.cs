using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>The patient chart: reached from the bed, NEWS2 on the board and the chart, recording vitals, search.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ChartTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task TheOccupantOfABedOpensTheirChartWithMrnNews2LabFlagsAndEntriesKeptAfterAnError()
    {
        var api = dashboard.Api;
        var wardId = await WardSetup.WardAsync(api, beds: 2);
        var bedId = WardSetup.BedId(wardId, 1);
        var mrn = await WardSetup.AdmitAsync(api, bedId, "Ann", "Lee");
        await WardSetup.RecordVitalsAsync(api, mrn, score: 0);
        await WardSetup.RecordVitalsAsync(api, mrn, score: 5);
        var lab = await WardSetup.PostAsync(api, $"/api/patients/{mrn}/labs",
            new { loinc = "2823-3", name = "Potassium", value = 6.8, unit = "mmol/L", referenceLow = 3.5, referenceHigh = 5.1, criticalLow = 2.5, criticalHigh = 6.5 });
        await WardSetup.PostAsync(api, $"/api/patients/{mrn}/allergies", new { substance = "Penicillin", reaction = "rash", criticality = "high", status = "active" });
        var note = await WardSetup.PostAsync(api, $"/api/patients/{mrn}/notes", new { type = "progress", text = "Written on the wrong chart" });
        var noteId = note.GetProperty("id").GetString();
        await WardSetup.PostAsync(api, $"/api/patients/{mrn}/notes/{noteId}/entered-in-error", new { reason = "wrong patient" });
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        await Expect(page.BedNews2(bedId)).ToContainTextAsync("NEWS2 5 Medium");
        await Expect(page.Bed(bedId)).Not.ToContainTextAsync("Lee");

        await page.Bed(bedId).GetByTestId("bed-patient").ClickAsync();

        var chart = page.Page.GetByTestId("patient-chart");
        await Expect(page.Page).ToHaveURLAsync($"{dashboard.Server.BaseUrl}/#/patients/{mrn}");
        await Expect(chart.GetByTestId("chart-mrn")).ToHaveTextAsync($"MRN {mrn}");
        await Expect(chart.GetByTestId("chart-name")).ToHaveTextAsync("Ann Lee");
        await Expect(chart.GetByTestId("latest-news2-band")).ToContainTextAsync("NEWS2 5 Medium");
        await Expect(chart.GetByTestId("vitals-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(chart.GetByTestId($"lab-{lab.GetProperty("id").GetString()}").GetByTestId("lab-flag")).ToContainTextAsync("HH");
        await Expect(chart.GetByTestId("section-allergies")).ToContainTextAsync("Penicillin");
        var struck = chart.GetByTestId($"entry-{noteId}");
        await Expect(struck.Locator("del")).ToContainTextAsync("Written on the wrong chart");
        await Expect(struck.GetByTestId("entered-in-error")).ToContainTextAsync("wrong patient");
        await Expect(struck.GetByTestId("entry-revision")).ToHaveTextAsync("rev 2");
        await Expect(page.Page.Locator("#crumbs")).ToContainTextAsync($"Ward {wardId}");
        TestPaths.PublishToDocs(await page.ScreenshotAsync("patient-chart"), "patient-chart.png");
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task RecordingVitalsShowsTheNews2BandAndTheOpenBoardShowsItLive()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 1);
        var bedId = WardSetup.BedId(wardId, 1);
        var mrn = await WardSetup.AdmitAsync(dashboard.Api, bedId, "Bea", "Ray");
        await using var board = await dashboard.OpenAsync($"/#/wards/{wardId}");
        await Expect(board.BedStatus(bedId)).ToHaveTextAsync("Occupied");
        await Expect(board.BedNews2(bedId)).ToBeHiddenAsync();
        await board.ExpectConnectedAsync();
        await using var chart = await dashboard.OpenAsync($"/#/patients/{mrn}");
        var form = chart.Page.GetByTestId("vitals-form");

        await FillAsync(form, respiratoryRate: "25", spo2: "91", systolicBp: "95", pulse: "120", temperature: "38.5", consciousness: "A", onOxygen: true);
        await form.GetByTestId("record-vitals").ClickAsync();

        await Expect(form.GetByTestId("vitals-result")).ToContainTextAsync("NEWS2 13 High");
        await Expect(chart.Page.GetByTestId("latest-news2-band")).ToContainTextAsync("NEWS2 13 High");
        await Expect(board.BedNews2(bedId)).ToContainTextAsync("NEWS2 13 High", new() { Timeout = 2_000 });
        await Expect(board.BedNews2(bedId).Locator("[data-band]")).ToHaveAttributeAsync("data-band", "High");
        chart.AssertNoScriptErrors();
        board.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ARefusedVitalsSetShowsTheApisErrorAtTheField()
    {
        var mrn = await Requests.RegisterAsync(dashboard.Api, Requests.Patient("Cleo", "Park"));
        await using var page = await dashboard.OpenAsync($"/#/patients/{mrn}");
        var form = page.Page.GetByTestId("vitals-form");

        await FillAsync(form, respiratoryRate: "200", spo2: "97", systolicBp: "120", pulse: "80", temperature: "37", consciousness: "A");
        await form.GetByTestId("record-vitals").ClickAsync();

        await Expect(form.GetByTestId("error-respiratoryRate")).ToContainTextAsync("between 0 and 80");
        await Expect(form.Locator("[name=respiratoryRate]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.GetByTestId("error-pulse")).ToBeHiddenAsync();
        await Expect(form.GetByTestId("vitals-result")).ToBeHiddenAsync();
        var vitals = await dashboard.Api.GetFromJsonAsync<JsonElement>($"/api/patients/{mrn}/vitals");
        Assert.Equal(0, vitals.GetArrayLength());
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task SearchingByNameFindsThePatientAndOpensTheirChart()
    {
        var family = WardSetup.UniqueWord("Search");
        var mrn = await Requests.RegisterAsync(dashboard.Api, Requests.Patient("Dora", family));
        await using var page = await dashboard.OpenAsync("/");

        await page.Page.GetByTestId("patient-search").FillAsync($"dora {family[..8]}");
        await page.Page.GetByTestId($"search-result-{mrn}").ClickAsync();

        await Expect(page.Page.GetByTestId("chart-name")).ToHaveTextAsync($"Dora {family}");
        await Expect(page.Page.GetByTestId("chart-mrn")).ToHaveTextAsync($"MRN {mrn}");
        await Expect(page.Page.GetByTestId("patient-search-results")).ToBeHiddenAsync();
        page.AssertNoScriptErrors();
    }

    private static async Task FillAsync(Microsoft.Playwright.ILocator form, string respiratoryRate, string spo2, string systolicBp, string pulse,
        string temperature, string consciousness, bool onOxygen = false)
    {
        await form.Locator("[name=respiratoryRate]").FillAsync(respiratoryRate);
        await form.Locator("[name=spo2]").FillAsync(spo2);
        await form.Locator("[name=systolicBp]").FillAsync(systolicBp);
        await form.Locator("[name=pulse]").FillAsync(pulse);
        await form.Locator("[name=temperature]").FillAsync(temperature);
        await form.Locator("[name=consciousness]").SelectOptionAsync(consciousness);
        await form.Locator("[name=onOxygen]").SetCheckedAsync(onOxygen);
    }
}
