using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Medications;

/// <summary>The contract's order routes, driven as a client would (beside MedicationsApiTests): orders are checked against the chart's allergies and the orders already running, with real pairs from the knowledge base.</summary>
public sealed class MedicationContractTests(HospitalFactory factory) : IClassFixture<HospitalFactory>
{
    [Fact]
    public async Task TheCatalogueIsSearchedByGenericName()
    {
        var drugs = await (await factory.CreateClient().GetAsync("/api/drugs?name=amoxi")).ReadJsonAsync();

        var amoxicillin = Assert.Single(drugs.EnumerateArray(), d => d.GetProperty("name").GetString() == "amoxicillin");
        Assert.Equal("J01CA04", amoxicillin.GetProperty("code").GetString());
        Assert.Contains("penicillins", amoxicillin.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task ADrugOfTheClassOfARecordedAllergyIsBlockedAndNothingIsSaved()
    {
        var (admin, mrn) = await PatientAsync("penicillin");

        var response = await OrderAsync(admin, mrn, "amoxicillin", 500, "mg", "oral", "tds");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var warning = Assert.Single(Warnings(await response.ReadJsonAsync()), w => w.GetProperty("kind").GetString() == "Allergy");
        Assert.Equal("contraindicated", warning.GetProperty("severity").GetString());
        Assert.Equal("penicillin", warning.GetProperty("with").GetString());
        Assert.Empty((await (await admin.GetAsync($"/api/patients/{mrn}/medication-orders")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task ACrossReactivityWarnsModeratelyWithoutBlocking()
    {
        var (admin, mrn) = await PatientAsync("penicillin");

        var response = await OrderAsync(admin, mrn, "cefalexin", 500, "mg", "oral", "qds");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadJsonAsync();
        Assert.Contains(Warnings(order), w => w.GetProperty("kind").GetString() == "Allergy" && w.GetProperty("severity").GetString() == "moderate");
        Assert.Equal("Active", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AMajorInteractionBlocksUntilOverriddenAndTheOverrideIsSavedAndJournaled()
    {
        var (admin, mrn) = await PatientAsync("nka");
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(admin, mrn, "warfarin", 5, "mg", "oral", "daily")).StatusCode);

        var blocked = await OrderAsync(admin, mrn, "ibuprofen", 400, "mg", "oral", "tds");
        var overridden = await OrderAsync(admin, mrn, "ibuprofen", 400, "mg", "oral", "tds", overrideReason: "short course, INR monitored daily");

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains(Warnings(await blocked.ReadJsonAsync()), w => w.GetProperty("kind").GetString() == "Interaction"
            && w.GetProperty("severity").GetString() == "major" && w.GetProperty("with").GetString() == "warfarin");
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        var order = await overridden.ReadJsonAsync();
        Assert.Equal("short course, INR monitored daily", order.GetProperty("overrideReason").GetString());
        var journal = await (await admin.GetAsync($"/api/journal?entityId={order.GetProperty("id").GetString()}")).ReadJsonAsync();
        Assert.Contains(journal.EnumerateArray(), e => e.GetProperty("kind").GetString() == "MedicationOrderOverridden"
            && e.GetProperty("payload").GetString()!.Contains("INR monitored daily"));
        var audit = await (await admin.GetAsync($"/api/audit?mrn={mrn}&limit=1000")).ReadJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("payload").GetString()!.Contains("POST /api/patients/{mrn}/medication-orders/"));
    }

    [Fact]
    public async Task AContraindicatedInteractionBlocks()
    {
        var (admin, mrn) = await PatientAsync("nka");
        await OrderAsync(admin, mrn, "clarithromycin", 500, "mg", "oral", "bd");

        var response = await OrderAsync(admin, mrn, "simvastatin", 40, "mg", "oral", "daily");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(Warnings(await response.ReadJsonAsync()), w => w.GetProperty("severity").GetString() == "contraindicated");
    }

    [Fact]
    public async Task DuplicateTherapyWarnsWithoutBlocking()
    {
        var (admin, mrn) = await PatientAsync("nka");
        await OrderAsync(admin, mrn, "ibuprofen", 400, "mg", "oral", "tds");

        var response = await OrderAsync(admin, mrn, "naproxen", 250, "mg", "oral", "bd");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(Warnings(await response.ReadJsonAsync()), w => w.GetProperty("kind").GetString() == "Duplicate" && w.GetProperty("with").GetString() == "ibuprofen");
    }

    [Fact]
    public async Task ADailyDoseOverTheMaximumBlocksAndOneWithinItDoesNot()
    {
        var (admin, mrn) = await PatientAsync("nka");

        var over = await OrderAsync(admin, mrn, "paracetamol", 1500, "mg", "oral", "qds");
        var within = await OrderAsync(admin, mrn, "paracetamol", 1, "g", "oral", "qds");

        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains(Warnings(await over.ReadJsonAsync()), w => w.GetProperty("kind").GetString() == "Dose" && w.GetProperty("severity").GetString() == "major");
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        Assert.DoesNotContain(Warnings(await within.ReadJsonAsync()), w => w.GetProperty("kind").GetString() == "Dose");
    }

    [Fact]
    public async Task AnOrderForAPatientWithoutRecordedAllergiesWarnsThatTheyAreNotRecorded()
    {
        var (admin, mrn) = await PatientAsync(allergy: null);

        var order = await (await OrderAsync(admin, mrn, "paracetamol", 1, "g", "oral", "qds")).ReadJsonAsync();

        Assert.Contains(Warnings(order), w => w.GetProperty("kind").GetString() == "Allergy" && w.GetProperty("severity").GetString() == "minor"
            && w.GetProperty("message").GetString() == "allergies not recorded");
    }

    [Fact]
    public async Task APharmacistDiscontinuesWithAReasonAndANurseMayNotOrder()
    {
        var (admin, mrn) = await PatientAsync("nka");
        var order = await (await OrderAsync(admin, mrn, "omeprazole", 20, "mg", "oral", "daily")).ReadJsonAsync();
        var pharmacist = await TestAuth.UserClientAsync(admin, factory.CreateAnonymousClient, "Pharmacist");
        var nurse = await TestAuth.UserClientAsync(admin, factory.CreateAnonymousClient, "Nurse");
        var id = order.GetProperty("id").GetString();

        var nurseOrder = await OrderAsync(nurse, mrn, "omeprazole", 20, "mg", "oral", "daily");
        var noReason = await pharmacist.PostAsJsonAsync($"/api/medication-orders/{id}/discontinue", new { });
        var stopped = await pharmacist.PostAsJsonAsync($"/api/medication-orders/{id}/discontinue", new { reason = "no longer indicated" });
        var again = await pharmacist.PostAsJsonAsync($"/api/medication-orders/{id}/discontinue", new { reason = "twice" });

        Assert.Equal(HttpStatusCode.Forbidden, nurseOrder.StatusCode);
        await noReason.AssertInvalidAsync("reason");
        Assert.Equal("Discontinued", (await stopped.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Empty((await (await nurse.GetAsync($"/api/patients/{mrn}/medication-orders?status=Active")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task BadOrdersAreRefusedWithTheFieldNamed()
    {
        var (admin, mrn) = await PatientAsync("nka");

        await (await OrderAsync(admin, mrn, "paracetamol", 0, "mg", "oral", "qds")).AssertInvalidAsync("dose");
        await (await OrderAsync(admin, mrn, "paracetamol", 1, "g", "oral", "hourly")).AssertInvalidAsync("frequency");
        await (await OrderAsync(admin, mrn, "unobtainium", 1, "g", "oral", "qds")).AssertInvalidAsync("drug");
        Assert.Equal(HttpStatusCode.NotFound, (await OrderAsync(admin, "H99999998", "paracetamol", 1, "g", "oral", "qds")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/medication-orders/MO-nobody-1/discontinue", new { reason = "x" })).StatusCode);
    }

    private async Task<(HttpClient Admin, string Mrn)> PatientAsync(string? allergy)
    {
        var admin = factory.CreateClient();
        var mrn = await Requests.RegisterAsync(admin);
        if (allergy is not null)
        {
            (await admin.PostAsJsonAsync($"/api/patients/{mrn}/allergies", new { substance = allergy, status = "active" })).EnsureSuccessStatusCode();
        }

        return (admin, mrn);
    }

    private static Task<HttpResponseMessage> OrderAsync(HttpClient client, string mrn, string drug, decimal dose, string unit, string route, string frequency,
        string? overrideReason = null) =>
        client.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", new { drug, dose, unit, route, frequency, overrideReason });

    private static IEnumerable<JsonElement> Warnings(JsonElement body) => body.GetProperty("warnings").EnumerateArray().ToList();
}
