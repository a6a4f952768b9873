using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>The overview's ward table (sort, filters, live counts), the bed finder from a queue, and every screen at tablet and phone widths.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HospitalBoardTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task SortingAndFiltersChangeTheTableAndALiveChangeReachesItWithoutAReload()
    {
        var service = WardSetup.UniqueWord("Svc");
        var busy = await LocatedWardAsync(service, "North", beds: 4);
        var quiet = await LocatedWardAsync(service, "South", beds: 4);
        var other = await LocatedWardAsync(WardSetup.UniqueWord("Other"), "North", beds: 2);
        await WardSetup.AdmitAsync(dashboard.Api, WardSetup.BedId(busy, 1), "Ann", "Lee");
        await WardSetup.AdmitAsync(dashboard.Api, WardSetup.BedId(busy, 2), "Bea", "Ray");

        await using var page = await dashboard.OpenAsync("/");
        await page.Page.GetByTestId("overview-mode-table").ClickAsync();
        var table = page.Page.GetByTestId("ward-table");
        await Expect(table.GetByTestId($"board-row-{busy}")).ToBeVisibleAsync();
        await Expect(table.GetByTestId($"board-row-{other}")).ToBeVisibleAsync();
        await page.ExpectConnectedAsync();

        await table.GetByTestId("board-filter-service").SelectOptionAsync(service);
        await Expect(table.GetByTestId("board-rows").Locator("tr")).ToHaveCountAsync(2);
        await Expect(table.GetByTestId($"board-row-{other}")).Not.ToBeAttachedAsync();
        await Expect(table.GetByTestId("board-total").Locator("[data-field=occupied]")).ToHaveTextAsync("2 / 8");

        await table.Locator("th button[data-sort=occupied]").ClickAsync(); // numbers sort highest first
        await Expect(table.GetByTestId("board-rows").Locator("tr").First).ToHaveAttributeAsync("data-ward-id", busy);
        await table.Locator("th button[data-sort=occupied]").ClickAsync();
        await Expect(table.GetByTestId("board-rows").Locator("tr").First).ToHaveAttributeAsync("data-ward-id", quiet);
        await Expect(table.Locator("th:has(button[data-sort=occupied])")).ToHaveAttributeAsync("aria-sort", "ascending");

        await table.GetByTestId("board-filter-group").SelectOptionAsync("building");
        await Expect(table.GetByTestId("board-group-North").Locator("[data-field=occupied]")).ToHaveTextAsync("2 / 4");
        await Expect(table.GetByTestId("board-group-South").Locator("[data-field=occupied]")).ToHaveTextAsync("0 / 4");

        // Live: an admission on the quiet ward reaches its row and the group totals, no reload.
        await WardSetup.AdmitAsync(dashboard.Api, WardSetup.BedId(quiet, 3), "Cal", "Moe");
        await Expect(table.GetByTestId($"board-row-{quiet}").Locator("[data-field=occupied]")).ToHaveTextAsync("1 / 4", new() { Timeout = 3_000 });
        await Expect(table.GetByTestId("board-group-South").Locator("[data-field=occupied]")).ToHaveTextAsync("1 / 4");
        await Expect(table.GetByTestId($"board-row-{quiet}").Locator("[data-field=available]")).ToHaveTextAsync("3");
        await page.ScreenshotAsync("overview-table");
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task FindABedFromTheQueuePlacesThePatientWithOneAction()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 4); // beds 1 and 2 can isolate
        var requestId = await WardSetup.QueueAsync(dashboard.Api, wardId, "Iso", "Lated", isolationRequired: true);
        var isolationBed = WardSetup.BedId(wardId, 1);
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        var pending = page.Page.GetByTestId($"pending-{requestId}");

        await pending.GetByTestId("find-bed").ClickAsync();

        var dialog = page.Page.GetByTestId("pending-admissions").GetByTestId("finder-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        var here = dialog.GetByTestId("finder-here");
        await Expect(here.Locator("[data-testid=finder-place]")).ToHaveCountAsync(2); // only the isolation-capable beds suit
        await Expect(here.GetByTestId($"finder-bed-{isolationBed}")).ToContainTextAsync("Isolation-capable");
        await here.GetByTestId($"finder-bed-{isolationBed}").GetByTestId("finder-place").ClickAsync();

        await Expect(dialog).Not.ToBeVisibleAsync();
        await Expect(page.BedStatus(isolationBed)).ToHaveTextAsync("Occupied");
        await Expect(pending).Not.ToBeAttachedAsync();
        page.AssertNoScriptErrors();
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(820, 1180)]
    [InlineData(390, 844)]
    public async Task EveryScreenFitsTheWidthAndTouchTargetsAreLargeEnough(int width, int height)
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 6);
        var (mrn, _) = await WardSetup.AdmissionAsync(dashboard.Api, WardSetup.BedId(wardId, 2), "Wide", "Screen");
        var requestId = await WardSetup.QueueAsync(dashboard.Api, wardId, "Narrow", "Screen");
        await using var page = await dashboard.OpenAsync("/");
        await page.Page.SetViewportSizeAsync(width, height);
        await page.ExpectConnectedAsync();

        await page.Page.GetByTestId("overview-mode-table").ClickAsync();
        await Expect(page.Page.GetByTestId($"board-row-{wardId}")).ToBeVisibleAsync();
        await AssertFitsAsync(page, $"overview table at {width}");
        await page.Page.GetByTestId("overview-mode-cards").ClickAsync();
        await Expect(page.Page.GetByTestId($"ward-tile-{wardId}")).ToBeVisibleAsync();
        await AssertFitsAsync(page, $"overview cards at {width}");

        await page.Page.GotoAsync($"/#/wards/{wardId}");
        await Expect(page.BedStatus(WardSetup.BedId(wardId, 2))).ToHaveTextAsync("Occupied");
        await AssertFitsAsync(page, $"ward board at {width}");
        await page.Page.GetByTestId($"pending-{requestId}").GetByTestId("find-bed").ClickAsync();
        var finder = page.Page.GetByTestId("pending-admissions").GetByTestId("finder-dialog");
        await Expect(finder.GetByTestId("finder-here").Locator("[data-testid=finder-place]").First).ToBeVisibleAsync();
        await AssertFitsAsync(page, $"bed finder at {width}");
        await finder.GetByTestId("finder-close").ClickAsync();

        await page.Page.GotoAsync($"/#/patients/{mrn}");
        await Expect(page.Page.Locator("h1")).ToContainTextAsync("Screen");
        await AssertFitsAsync(page, $"chart at {width}");
        await page.ScreenshotAsync($"chart-{width}");
        page.AssertNoScriptErrors();
    }

    /// <summary>No visible element reaches past the viewport's right edge, and (below desktop widths) every control is at least 44 px tall.</summary>
    private static async Task AssertFitsAsync(DashboardPage page, string where)
    {
        await page.Page.WaitForTimeoutAsync(300); // one frame of layout after the last update
        var report = await page.Page.EvaluateAsync<JsonElement>("""
            () => {
              const width = document.documentElement.clientWidth;
              const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && !e.closest("dialog:not([open])"); };
              const describe = (e) => `${e.tagName.toLowerCase()}${e.dataset.testid ? "[" + e.dataset.testid + "]" : ""}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : ""}`;
              const wide = [...document.querySelectorAll("body *")].filter(visible)
                .filter((e) => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
                .filter((e) => !e.closest(".visually-hidden, .skip-link"))
                .slice(0, 10).map((e) => `${describe(e)} ${Math.round(e.getBoundingClientRect().left)}-${Math.round(e.getBoundingClientRect().right)}`);
              const small = width > 1100 ? [] : [...document.querySelectorAll("button, select, input:not([type=hidden]), .link-button")]
                .filter(visible).filter((e) => !e.closest(".visually-hidden, canvas"))
                .filter((e) => e.getBoundingClientRect().height < 43.5)
                .slice(0, 10).map((e) => `${describe(e)} ${Math.round(e.getBoundingClientRect().height)}px`);
              return { scrollWidth: document.documentElement.scrollWidth, width, wide, small };
            }
            """);
        var scrollWidth = report.GetProperty("scrollWidth").GetInt32();
        var width = report.GetProperty("width").GetInt32();
        Assert.True(report.GetProperty("wide").GetArrayLength() == 0, $"{where}: wider than the viewport: {report.GetProperty("wide")}");
Assert.True(scrollWidth <= width, $"{where}: page scrolls sideways ({scrollWidth} > {width})");
        Assert.True(report.GetProperty("small").GetArrayLength() == 0, $"{where}: touch targets under 44 px: {report.GetProperty("small")}");
    }

    private async Task<string> LocatedWardAsync(string service, string building, int beds)
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds);
        (await dashboard.Api.PutAsJsonAsync($"/api/wards/{wardId}/location", new { service, building, floor = "1" })).EnsureSuccessStatusCode();
        return wardId;
    }
}
