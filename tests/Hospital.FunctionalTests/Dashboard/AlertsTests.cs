using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class AlertsTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task AnAcknowledgedAlertLeavesTheOpenList()
    {
        var api = dashboard.Api;
        var wardId = await WardSetup.WardAsync(api, beds: 1);
        var binId = $"{wardId}-GLOVES";
        (await api.PostAsJsonAsync("/api/supply-bins", new { id = binId, locationId = wardId, sku = "GLV-M", name = "Gloves M", unit = "box", par = 40, reorderPoint = 10 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/supply-bins/{binId}/restock", new { quantity = 20, lot = "L1", expiry = "2030-01-31" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/supply-bins/{binId}/consume", new { quantity = 15 })).EnsureSuccessStatusCode();
        var lowStock = await OpenAlertAsync(api, wardId, "LowStock");
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}");
        var alert = page.Page.GetByTestId($"alert-{lowStock}");
        await Expect(alert).ToContainTextAsync("Warning");

        await alert.GetByTestId("acknowledge").ClickAsync();

        await Expect(alert).Not.ToBeAttachedAsync();
        Assert.Null(await OpenAlertAsync(api, wardId, "LowStock"));
        page.AssertNoScriptErrors();
    }

    private static async Task<string?> OpenAlertAsync(HttpClient api, string wardId, string kind)
    {
        var alerts = await api.GetFromJsonAsync<JsonElement>($"/api/alerts?status=Open&wardId={wardId}");
        return alerts.EnumerateArray().Where(a => a.GetProperty("kind").GetString() == kind)
            .Select(a => a.GetProperty("id").GetString()).FirstOrDefault();
    }
}
