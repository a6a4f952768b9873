using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class BedBoardTests(DashboardFixture dashboard)
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinASecond = new() { Timeout = 1_000 };

    [Fact]
    public async Task ABedChangedThroughTheApiChangesColourAndTextOnAnOpenBoardWithinASecond()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 3);
        var bedId = WardSetup.BedId(wardId, 2);
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        await Expect(page.BedStatus(bedId)).ToHaveTextAsync("Available");
        await page.ExpectConnectedAsync();
        var before = await BackgroundAsync(page.Bed(bedId));

        await WardSetup.SetStatusAsync(dashboard.Api, bedId, "Blocked", "broken rail");

        await Expect(page.BedStatus(bedId)).ToHaveTextAsync("Blocked", WithinASecond);
        await Expect(page.Bed(bedId)).ToContainTextAsync("broken rail");
        Assert.NotEqual(before, await BackgroundAsync(page.Bed(bedId)));
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TheBoardShowsEveryStatusInWordsWithPatientInitialsNews2AndMarkers()
    {
        var api = dashboard.Api;
        // The one fixed ward id of the run (each run has a fresh data directory): it names the README's screenshot.
        var wardId = await WardSetup.WardAsync(api, beds: 12, sexPolicy: "Female", wardId: "W3A", name: "Ward 3A");
        string Bed(int number) => WardSetup.BedId(wardId, number);
        var mrn = await WardSetup.AdmitAsync(api, Bed(1), "Ann", "Lee", expectedDischarge: DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await WardSetup.RecordVitalsAsync(api, mrn, score: 5);
        await WardSetup.RecordVitalsAsync(api, await WardSetup.AdmitAsync(api, Bed(3), "Cleo", "Park"), score: 13);
        await WardSetup.AdmitAsync(api, Bed(9), "Dee", "Hall");
        await DischargedAsync(api, Bed(4));
        await DischargedAsync(api, Bed(5));
        await WardSetup.SetStatusAsync(api, Bed(5), "Cleaning");
        await WardSetup.SetStatusAsync(api, Bed(6), "Blocked", "ceiling leak");
        var reservedFor = await Requests.RegisterAsync(api, Requests.Patient("Gil", "Orr"));
        (await api.PostAsJsonAsync($"/api/beds/{Bed(7)}/reserve", new { mrn = reservedFor })).EnsureSuccessStatusCode();
        await WardSetup.QueueAsync(api, wardId, "Hana", "Ito", isolationRequired: true, priority: "Urgent");
        await WardSetup.QueueAsync(api, wardId, "Iris", "Kay");

        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");

        await Expect(page.BedStatus(Bed(1))).ToHaveTextAsync("Occupied");
        await Expect(page.Bed(Bed(1)).GetByTestId("bed-patient")).ToHaveTextAsync($"AL · MRN {mrn}");
        await Expect(page.Bed(Bed(1))).ToContainTextAsync("Leaves today");
        await Expect(page.BedNews2(Bed(1))).ToHaveTextAsync("▲NEWS2 5 Medium");
        await Expect(page.BedNews2(Bed(3))).ToContainTextAsync("NEWS2 13 High");
        await Expect(page.Bed(Bed(1))).Not.ToContainTextAsync("Lee");
        await Expect(page.Bed(Bed(2))).ToContainTextAsync("ISO");
        await Expect(page.Bed(Bed(2))).ToContainTextAsync("♀ F");
        await Expect(page.BedStatus(Bed(4))).ToHaveTextAsync("Dirty");
        await Expect(page.BedStatus(Bed(5))).ToHaveTextAsync("Cleaning");
        await Expect(page.BedStatus(Bed(6))).ToHaveTextAsync("Blocked");
        await Expect(page.BedStatus(Bed(7))).ToHaveTextAsync("Reserved");
        await Expect(page.Bed(Bed(10)).Locator("time")).ToHaveTextAsync("just now");
        await Expect(page.Page.GetByTestId("pending-count")).ToHaveTextAsync("2");
        await Expect(page.Page.GetByTestId("ward-summary").Locator("[data-field=occupied]")).ToHaveTextAsync("3");
        await page.ExpectConnectedAsync();
        TestPaths.PublishToDocs(await page.ScreenshotAsync("bed-board"), "bed-board.png");
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task MarkingABedBlockedAsksForTheReasonAndShowsIt()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 2);
        var bedId = WardSetup.BedId(wardId, 1);
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");

        await page.OpenBedAsync(bedId);
        await page.Page.GetByTestId("mark-Blocked").ClickAsync();
        await page.Page.GetByTestId("block-reason").FillAsync("staffing");
        await page.Page.GetByTestId("confirm-block").ClickAsync();

        await Expect(page.Page.GetByTestId("bed-dialog")).Not.ToBeVisibleAsync();
        await Expect(page.BedStatus(bedId)).ToHaveTextAsync("Blocked");
        await Expect(page.Bed(bedId)).ToContainTextAsync("staffing");
        var bed = await (await dashboard.Api.GetAsync($"/api/beds/{bedId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Blocked", bed.GetProperty("status").GetString());
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ARefusedStatusChangeShowsTheApisError()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 2);
        var bedId = WardSetup.BedId(wardId, 1);
        await WardSetup.AdmitAsync(dashboard.Api, bedId, "Ann", "Lee");
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");

        await page.OpenBedAsync(bedId);
        await page.Page.GetByTestId("mark-Cleaning").ClickAsync();

        var error = page.Page.GetByTestId("action-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("Bed cannot become Cleaning");
        await Expect(error).ToContainTextAsync("Allowed from here: Dirty");
        await Expect(page.BedStatus(bedId)).ToHaveTextAsync("Occupied");
        page.AssertNoScriptErrors();
    }

    /// <summary>Admits a patient and discharges them: the bed is left Dirty.</summary>
    private static async Task DischargedAsync(HttpClient api, string bedId)
    {
        await WardSetup.AdmitAsync(api, bedId, "Jo", "Lin");
        var bed = await (await api.GetAsync($"/api/beds/{bedId}")).Content.ReadFromJsonAsync<JsonElement>();
        (await api.PostAsJsonAsync($"/api/admissions/{bed.GetProperty("encounterId").GetString()}/discharge", new { })).EnsureSuccessStatusCode();
    }

    private static Task<string> BackgroundAsync(ILocator bed) =>
        bed.Locator(".bed-cell").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor + ' ' + getComputedStyle(e).backgroundImage");
}
