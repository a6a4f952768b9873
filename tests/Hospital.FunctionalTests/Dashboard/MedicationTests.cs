using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>
/// Medicines on the chart and the board: the order form shows the checks' warnings before the order is sent and asks for
/// an override reason when one blocks; the MAR records a dose with one click (from a ward bin); a bed whose patient has
/// an overdue dose carries a marker on the board, live, until the dose is recorded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class MedicationTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task ThePrescriberSeesTheAllergyWarningBeforeSendingAndAnOverrideNeedsAReason()
    {
        var mrn = await Requests.RegisterAsync(dashboard.Api, Requests.Patient("Olive", "Grant"));
        await WardSetup.PostAsync(dashboard.Api, $"/api/patients/{mrn}/allergies", new { substance = "penicillin", reaction = "anaphylaxis", status = "active" });
        await using var page = await dashboard.OpenAsync($"/#/patients/{mrn}", asPhysician: true);
        var form = page.Page.GetByTestId("order-form");
        await Expect(form).ToBeVisibleAsync();

        await form.GetByTestId("order-drug").FillAsync("amoxicillin");
        await form.GetByTestId("order-dose").FillAsync("500");
        await form.GetByTestId("order-frequency").SelectOptionAsync("once"); // due now, so today's MAR has its dose

        var shown = form.GetByTestId("order-check-warnings");
        await Expect(shown.Locator("[data-severity=contraindicated][data-kind=Allergy]")).ToContainTextAsync("penicillin");
        await Expect(form.GetByTestId("override-reason")).ToBeVisibleAsync();
        Assert.Empty(await OrdersAsync(mrn));

        await form.GetByTestId("place-order").ClickAsync();
        await Expect(form.GetByTestId("order-error")).ToContainTextAsync("Override reason required");
        Assert.Empty(await OrdersAsync(mrn));

        await form.GetByTestId("override-reason").FillAsync("Desensitised under allergy team supervision");
        await form.GetByTestId("place-order").ClickAsync();

        await Expect(form.GetByTestId("order-result")).ToContainTextAsync("Ordered amoxicillin 500 mg oral once (overridden)");
        var saved = Assert.Single(await OrdersAsync(mrn));
        Assert.Equal("Desensitised under allergy team supervision", saved.GetProperty("overrideReason").GetString());
        var listed = page.Page.GetByTestId($"order-{saved.GetProperty("id").GetString()}");
        await Expect(listed.GetByTestId("order-warnings").Locator("[data-severity=contraindicated]")).ToContainTextAsync("penicillin");
        await Expect(listed.GetByTestId("order-override")).ToContainTextAsync("Desensitised");
        // A physician orders and may discontinue, but does not record doses.
        await Expect(page.Page.GetByTestId("mar").GetByTestId("dose-given")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("mar").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task AWarningFreeOrderGoesStraightInAndAnInteractionShowsAgainstTheOtherOrder()
    {
        var mrn = await Requests.RegisterAsync(dashboard.Api, Requests.Patient("Pia", "Hart"));
        await WardSetup.PostAsync(dashboard.Api, $"/api/patients/{mrn}/allergies", new { substance = "no known allergies", status = "active" });
        await using var page = await dashboard.OpenAsync($"/#/patients/{mrn}", asPhysician: true);
        var form = page.Page.GetByTestId("order-form");

        await FillOrderAsync(form, "warfarin", "5", "daily");
        await Expect(form.GetByTestId("order-check-clear")).ToBeVisibleAsync();
        await Expect(form.GetByTestId("override-reason")).ToBeHiddenAsync();
        await form.GetByTestId("place-order").ClickAsync();
        await Expect(form.GetByTestId("order-result")).ToContainTextAsync("Ordered warfarin 5 mg oral daily");

        await FillOrderAsync(form, "aspirin", "75", "daily");
        await Expect(form.GetByTestId("order-check-warnings").Locator("[data-kind=Interaction]")).ToContainTextAsync("warfarin");
        await Expect(page.Page.GetByTestId("medication-orders-list").Locator("li.order")).ToHaveCountAsync(1);
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ANurseRecordsADoseGivenFromTheWardBinWithOneClickAndTheOverdueMarkerLeavesTheBoard()
    {
        var api = dashboard.Api;
        var wardId = await WardSetup.WardAsync(api, beds: 1);
        var bedId = WardSetup.BedId(wardId, 1);
        var mrn = await WardSetup.AdmitAsync(api, bedId, "Rosa", "Lind");
        await WardSetup.PostAsync(api, $"/api/patients/{mrn}/allergies", new { substance = "no known allergies", status = "active" });
        var binId = "BIN-" + wardId;
        await WardSetup.PostAsync(api, "/api/supply-bins", new { id = binId, locationId = wardId, sku = "PARA-1G", name = "Paracetamol 1 g", unit = "tablet", par = 20, reorderPoint = 2 });
        await WardSetup.PostAsync(api, $"/api/supply-bins/{binId}/restock", new { quantity = 5, lot = "L1", expiry = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") });
        var order = await WardSetup.PostAsync(api, $"/api/patients/{mrn}/medication-orders", new { drug = "paracetamol", dose = 1, unit = "g", route = "oral", frequency = "once" });
        await using var board = await dashboard.OpenAsync($"/#/wards/{wardId}");
        await board.ExpectConnectedAsync();
        await Expect(board.Bed(bedId).GetByTestId("marker-dose-overdue")).ToHaveCountAsync(0);

        // The window is a minute (the fixture's setting): the alert is raised and pushed, and the board marks the bed.
        await Expect(board.Bed(bedId).GetByTestId("marker-dose-overdue")).ToBeVisibleAsync(new() { Timeout = 90_000 });

        await using var chart = await dashboard.OpenAsync($"/#/patients/{mrn}");
        var dose = chart.Page.GetByTestId("mar").Locator($"tr[data-order-id='{order.GetProperty("id").GetString()}']");
        await Expect(dose.GetByTestId("dose-status")).ToHaveTextAsync("Missed");
        await chart.Page.GetByTestId("mar-bin").SelectOptionAsync(binId);
        await dose.GetByTestId("dose-given").ClickAsync();

        await Expect(dose.GetByTestId("dose-status")).ToHaveTextAsync("Given");
        await Expect(dose).ToContainTextAsync($"from {binId}");
        await Expect(board.Bed(bedId).GetByTestId("marker-dose-overdue")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        var bin = await (await api.GetAsync($"/api/supply-bins/{binId}")).ReadJsonAsync();
        Assert.Equal(4, bin.GetProperty("onHand").GetInt32());
        chart.AssertNoScriptErrors();
        board.AssertNoScriptErrors();
    }

    [Fact]
    public async Task HeldAsksForTheReasonIsCorrectedWithOneAndAWhenRequiredDoseIsGivenFromTheOrder()
    {
        var mrn = await Requests.RegisterAsync(dashboard.Api, Requests.Patient("Sara", "Moss"));
        await WardSetup.PostAsync(dashboard.Api, $"/api/patients/{mrn}/allergies", new { substance = "no known allergies", status = "active" });
        var scheduled = await WardSetup.PostAsync(dashboard.Api, $"/api/patients/{mrn}/medication-orders", new { drug = "ondansetron", dose = 4, unit = "mg", route = "oral", frequency = "once" });
        var prn = await WardSetup.PostAsync(dashboard.Api, $"/api/patients/{mrn}/medication-orders", new { drug = "paracetamol", dose = 1, unit = "g", route = "oral", frequency = "prn" });
        await using var page = await dashboard.OpenAsync($"/#/patients/{mrn}");
        var mar = page.Page.GetByTestId("mar");
        var dose = mar.Locator($"tr[data-order-id='{scheduled.GetProperty("id").GetString()}']");

        await dose.GetByTestId("dose-held").ClickAsync();
        await dose.GetByTestId("confirm-dose").ClickAsync();
        await Expect(dose.Locator(".form-error")).ToContainTextAsync("reason");
        await dose.GetByTestId("dose-reason").FillAsync("nil by mouth for theatre");
        await dose.GetByTestId("confirm-dose").ClickAsync();
        await Expect(dose.GetByTestId("dose-status")).ToHaveTextAsync("Held");
        await Expect(dose).ToContainTextAsync("nil by mouth for theatre");

        // Charted in error: corrected to Given, with its reason (journaled).
        await dose.GetByTestId("dose-correct").ClickAsync();
        await dose.GetByTestId("correct-outcome").SelectOptionAsync("Given");
        await dose.GetByTestId("dose-reason").FillAsync("given before theatre after all");
        await dose.GetByTestId("confirm-dose").ClickAsync();
        await Expect(dose.GetByTestId("dose-status")).ToHaveTextAsync("Given");
        await Expect(dose).ToContainTextAsync("given before theatre after all");

        await page.Page.GetByTestId($"order-{prn.GetProperty("id").GetString()}").GetByTestId("give-prn").ClickAsync();
        var given = mar.Locator($"tr[data-order-id='{prn.GetProperty("id").GetString()}']");
        await Expect(given.GetByTestId("dose-status")).ToHaveTextAsync("Given");
        await Expect(given).ToContainTextAsync("when required");
        page.AssertNoScriptErrors();
    }

    private static async Task FillOrderAsync(Microsoft.Playwright.ILocator form, string drug, string dose, string frequency)
    {
        await form.GetByTestId("order-drug").FillAsync(drug);
        await form.GetByTestId("order-dose").FillAsync(dose);
        await form.GetByTestId("order-frequency").SelectOptionAsync(frequency);
    }

    private async Task<List<JsonElement>> OrdersAsync(string mrn) =>
        [.. (await (await dashboard.Api.GetAsync($"/api/patients/{mrn}/medication-orders")).ReadJsonAsync()).EnumerateArray()];
}
