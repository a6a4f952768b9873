using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class ReconnectTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task AfterTheServerRestartsTheBoardReconnectsAndShowsTheCurrentState()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 3);
        var changedWhileAway = WardSetup.BedId(wardId, 1);
        var changedAfterReconnect = WardSetup.BedId(wardId, 2);
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        await page.ExpectConnectedAsync();
        await Expect(page.BedStatus(changedWhileAway)).ToHaveTextAsync("Available");

        await dashboard.Server.KillAsync();
        await Expect(page.Connection).Not.ToHaveTextAsync("Connected");
        await dashboard.Server.RestartAsync();
        // Made before the page is back: only the snapshot it re-reads can show it.
        await WardSetup.SetStatusAsync(dashboard.Api, changedWhileAway, "Blocked", "after restart");

        await page.ExpectConnectedAsync();
        await Expect(page.BedStatus(changedWhileAway)).ToHaveTextAsync("Blocked");
        await WardSetup.SetStatusAsync(dashboard.Api, changedAfterReconnect, "Blocked", "live again");
        await Expect(page.BedStatus(changedAfterReconnect)).ToHaveTextAsync("Blocked", new() { Timeout = 2_000 });
        await page.ScreenshotAsync("bed-board-after-restart");
        page.AssertNoScriptErrors();
    }
}
