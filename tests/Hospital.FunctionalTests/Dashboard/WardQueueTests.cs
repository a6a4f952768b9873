using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>The board's queues: patients waiting for a bed, and admitted patients waiting to move here.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WardQueueTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task PlacingAPendingAdmissionFillsTheBedAndARefusedPlacementShowsTheApisError()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 4);
        var ordinaryBed = WardSetup.BedId(wardId, 4);
        var isolationBed = WardSetup.BedId(wardId, 1);
        var requestId = await WardSetup.QueueAsync(dashboard.Api, wardId, "Hana", "Ito", isolationRequired: true);
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        var pending = page.Page.GetByTestId($"pending-{requestId}");

        await pending.GetByTestId("place-bed").SelectOptionAsync(ordinaryBed);
        await pending.GetByTestId("place").ClickAsync();

        await Expect(pending.GetByTestId("place-error")).ToContainTextAsync("not isolation-capable");

        await pending.GetByTestId("place-bed").SelectOptionAsync(isolationBed);
        await pending.GetByTestId("place").ClickAsync();

        await Expect(page.BedStatus(isolationBed)).ToHaveTextAsync("Occupied");
        await Expect(page.Bed(isolationBed).GetByTestId("bed-patient")).ToContainTextAsync("HI · MRN");
        await Expect(pending).Not.ToBeAttachedAsync();
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task PlacingATransferRequestMovesThePatientAndARefusedPlacementShowsTheApisError()
    {
        var api = dashboard.Api;
        var fromWard = await WardSetup.WardAsync(api, beds: 1);
        var fromBed = WardSetup.BedId(fromWard, 1);
        var (mrn, encounterId) = await WardSetup.AdmissionAsync(api, fromBed, "Hana", "Ito", isolationRequired: true);
        var wardId = await WardSetup.WardAsync(api, beds: 3);
        var isolationBed = WardSetup.BedId(wardId, 1);
        var ordinaryBed = WardSetup.BedId(wardId, 3);
        var requestId = await WardSetup.RequestTransferAsync(api, wardId, encounterId, "step down");
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        var transfer = page.Page.GetByTestId($"transfer-{requestId}");
        await Expect(transfer).ToContainTextAsync($"MRN {mrn} from bed {fromBed}");
        await Expect(transfer).ToContainTextAsync("step down");

        await transfer.GetByTestId("place-bed").SelectOptionAsync(ordinaryBed);
        await transfer.GetByTestId("place").ClickAsync();

        await Expect(transfer.GetByTestId("place-error")).ToContainTextAsync("not isolation-capable");

        await transfer.GetByTestId("place-bed").SelectOptionAsync(isolationBed);
        await transfer.GetByTestId("place").ClickAsync();

        await Expect(page.BedStatus(isolationBed)).ToHaveTextAsync("Occupied");
        await Expect(page.Bed(isolationBed).GetByTestId("bed-patient")).ToHaveTextAsync($"HI · MRN {mrn}");
        await Expect(transfer).Not.ToBeAttachedAsync();
        await Expect(page.Page.GetByTestId("transfer-count")).ToHaveTextAsync("0");
        var left = await api.GetFromJsonAsync<JsonElement>($"/api/beds/{fromBed}");
        Assert.Equal("Dirty", left.GetProperty("status").GetString());
        page.AssertNoScriptErrors();
    }
}
