using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task TheOverviewShowsEachWardWithItsCountsTheHospitalTotalsAndTheTrend()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 4);
        await WardSetup.AdmitAsync(dashboard.Api, WardSetup.BedId(wardId, 1), "Ann", "Lee");
        await WardSetup.SetStatusAsync(dashboard.Api, WardSetup.BedId(wardId, 2), "Blocked", "maintenance");

        await using var page = await dashboard.OpenAsync("/");
        await page.Page.GetByTestId("overview-mode-cards").ClickAsync();

        var tile = page.Page.GetByTestId($"ward-tile-{wardId}");
        await Expect(tile.Locator("[data-field=occupied]")).ToHaveTextAsync("1");
        await Expect(tile.Locator("[data-field=blocked]")).ToHaveTextAsync("1");
        await Expect(tile.Locator("[data-field=occupancy]")).ToHaveTextAsync("33%");
        await Expect(page.Page.GetByTestId("hospital-totals").Locator("[data-field=total]")).Not.ToHaveTextAsync("0");
        await Expect(page.Page.GetByTestId("occupancy-trend").Locator("canvas")).ToBeVisibleAsync();
        await page.ExpectConnectedAsync();
        await page.ScreenshotAsync("overview");
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task AWardTileFollowsTheCensusLive()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 3);
        await using var page = await dashboard.OpenAsync("/");
        await page.Page.GetByTestId("overview-mode-cards").ClickAsync();
        var tile = page.Page.GetByTestId($"ward-tile-{wardId}");
        await Expect(tile.Locator("[data-field=available]")).ToHaveTextAsync("3");
        await page.ExpectConnectedAsync();

        await WardSetup.AdmitAsync(dashboard.Api, WardSetup.BedId(wardId, 3), "Bea", "Ray");

        await Expect(tile.Locator("[data-field=occupied]")).ToHaveTextAsync("1", new() { Timeout = 2_000 });
        await Expect(tile.Locator("[data-field=available]")).ToHaveTextAsync("2");
        await Expect(page.Page.GetByTestId("occupancy-trend")).Not.ToHaveAttributeAsync("data-points", "0");
        page.AssertNoScriptErrors();
    }
}
