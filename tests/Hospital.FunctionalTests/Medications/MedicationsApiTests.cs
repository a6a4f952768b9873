using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Medications;

/// <summary>The medication routes of the contract, end to end on SQLite, with the roles that may use them.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class MedicationsApiTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private Task<HttpClient> As(string role) => TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, role);

    private async Task<string> PatientAsync(params string[] allergies)
    {
        var mrn = await Requests.RegisterAsync(_admin);
        foreach (var substance in allergies)
        {
            var added = await _admin.PostAsJsonAsync($"/api/patients/{mrn}/allergies", new { substance, status = "active" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        return mrn;
    }

    private static object Order(string drug, decimal dose = 500, string unit = "mg", string frequency = "tds", string? overrideReason = null) =>
        new { drug, dose, unit, route = "oral", frequency, overrideReason };

    private async Task<JsonElement> PlaceAsync(HttpClient client, string mrn, object order)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", order);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement[]> AuditAsync(string mrn) =>
        [.. (await (await _admin.GetAsync($"/api/audit?mrn={mrn}&limit=1000")).ReadJsonAsync()).EnumerateArray()];

    [Fact]
    public async Task TheDrugCatalogueIsSearchedByName()
    {
        var drugs = await (await _admin.GetAsync("/api/drugs?name=amoxi")).ReadJsonAsync();

        var first = drugs[0];
        Assert.Equal(("J01CA04", "amoxicillin"), (first.GetProperty("code").GetString(), first.GetProperty("name").GetString()));
        Assert.Contains("penicillins", first.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task AnOrderWithAContraindicationIs409WithItsWarningsAndSavesNothing()
    {
        var mrn = await PatientAsync("penicillin");

        var response = await _admin.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", Order("amoxicillin"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var warning = (await response.ReadJsonAsync()).GetProperty("warnings")[0];
        Assert.Equal(("Allergy", "contraindicated", "penicillin"),
            (warning.GetProperty("kind").GetString(), warning.GetProperty("severity").GetString(), warning.GetProperty("with").GetString()));
        Assert.Empty((await (await _admin.GetAsync($"/api/patients/{mrn}/medication-orders")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task AnOverriddenOrderIsSavedWithItsReasonJournaledAndAudited()
    {
        var mrn = await PatientAsync("penicillin");
        var physician = await As("Physician");

        var order = await PlaceAsync(physician, mrn, Order("amoxicillin", overrideReason: "tolerated it last year"));

        Assert.Equal(("Active", "tolerated it last year", mrn),
            (order.GetProperty("status").GetString(), order.GetProperty("overrideReason").GetString(), order.GetProperty("mrn").GetString()));
        Assert.Equal(("J01CA04", "amoxicillin"), (order.GetProperty("drug").GetProperty("code").GetString(), order.GetProperty("drug").GetProperty("name").GetString()));
        Assert.Equal("contraindicated", order.GetProperty("warnings")[0].GetProperty("severity").GetString());
        var journal = await (await _admin.GetAsync($"/api/journal?mrn={mrn}&kind=MedicationOrderOverridden")).ReadJsonAsync();
        Assert.Contains("tolerated it last year", Assert.Single(journal.EnumerateArray()).GetProperty("payload").GetRawText());
        Assert.Contains(await AuditAsync(mrn), e => e.GetProperty("payload").GetString()!.Contains("POST /api/patients/{mrn}/medication-orders"));
    }

    [Fact]
    public async Task ThePrescriberSeesTheWarningsBeforeSending()
    {
        var mrn = await PatientAsync("nka");
        await PlaceAsync(_admin, mrn, Order("ibuprofen", 400));

        var check = await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders/check", Order("warfarin", 5, frequency: "daily"))).ReadJsonAsync();

        Assert.True(check.GetProperty("blocked").GetBoolean());
        Assert.Equal("Interaction", check.GetProperty("warnings")[0].GetProperty("kind").GetString());
        Assert.Single((await (await _admin.GetAsync($"/api/patients/{mrn}/medication-orders")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task APharmacistDiscontinuesAnOrderWithAReasonAndTheAnswerIsAuditedWithThePatient()
    {
        var mrn = await PatientAsync("nka");
        var id = (await PlaceAsync(_admin, mrn, Order("paracetamol", 1, "g", "qds"))).GetProperty("id").GetString();
        var pharmacist = await As("Pharmacist");

        var response = await pharmacist.PostAsJsonAsync($"/api/medication-orders/{id}/discontinue", new { reason = "duplicate of home supply" });

        var stopped = await response.ReadJsonAsync();
        Assert.Equal(("Discontinued", mrn), (stopped.GetProperty("status").GetString(), stopped.GetProperty("mrn").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await pharmacist.PostAsJsonAsync($"/api/medication-orders/{id}/discontinue", new { reason = "again" })).StatusCode);
        Assert.Single((await (await pharmacist.GetAsync($"/api/patients/{mrn}/medication-orders?status=Discontinued")).ReadJsonAsync()).EnumerateArray());
        Assert.Contains(await AuditAsync(mrn), e => e.GetProperty("payload").GetString()!.Contains("/api/medication-orders/{id}/discontinue"));
    }

    [Fact]
    public async Task ADoseGivenFromABinTakesOneUnitEvenWhenTheRequestIsRetried()
    {
        var mrn = await PatientAsync("nka");
        var orderId = (await PlaceAsync(_admin, mrn, Order("paracetamol", 1, "g", "once"))).GetProperty("id").GetString();
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var dose = (await (await _admin.GetAsync($"/api/patients/{mrn}/mar?from={from}")).ReadJsonAsync())[0];
        var binId = "RX" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsJsonAsync("/api/supply-bins", new { id = binId, locationId = "PHARM", sku = "PARA-1G", name = "Paracetamol 1 g", unit = "tablet", par = 20, reorderPoint = 2 })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/supply-bins/{binId}/restock", new { quantity = 5, lot = "L1", expiry = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") })).EnsureSuccessStatusCode();
        var nurse = await As("Nurse");

        var doseId = dose.GetProperty("id").GetString();
        var answers = new List<JsonElement>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await nurse.PostAsJsonAsync($"/api/mar/{doseId}/record", new { outcome = "Given", binId });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.ReadJsonAsync());
        }

        Assert.Equal((orderId, "Due"), (dose.GetProperty("orderId").GetString(), dose.GetProperty("status").GetString()));
        Assert.All(answers, a => Assert.Equal(("Given", mrn), (a.GetProperty("status").GetString(), a.GetProperty("mrn").GetString())));
        Assert.Equal(4, (await (await _admin.GetAsync($"/api/supply-bins/{binId}")).ReadJsonAsync()).GetProperty("onHand").GetInt32());
        Assert.Single((await (await _admin.GetAsync($"/api/journal?mrn={mrn}&kind=MedicationAdministered")).ReadJsonAsync()).EnumerateArray());
        Assert.Contains(await AuditAsync(mrn), e => e.GetProperty("payload").GetString()!.Contains("/api/mar/{doseId}/record"));
    }

    [Fact]
    public async Task AWhenRequiredDoseIsRecordedAgainstItsOrderOnceUnderRetriesAndOnlyForAPrnOrder()
    {
        var mrn = await PatientAsync("nka");
        var prnId = (await PlaceAsync(_admin, mrn, Order("paracetamol", 1, "g", "prn"))).GetProperty("id").GetString();
        var scheduledId = (await PlaceAsync(_admin, mrn, Order("ondansetron", 4, "mg", "once"))).GetProperty("id").GetString();
        var binId = "RX" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsJsonAsync("/api/supply-bins", new { id = binId, locationId = "PHARM", sku = "PARA-1G", name = "Paracetamol 1 g", unit = "tablet", par = 20, reorderPoint = 2 })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/supply-bins/{binId}/restock", new { quantity = 5, lot = "L1", expiry = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") })).EnsureSuccessStatusCode();
        var nurse = await As("Nurse");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 2; attempt++)
            answers.Add(await nurse.PostAsJsonAsync($"/api/medication-orders/{prnId}/doses", new { outcome = "Given", binId }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var given = await answers[0].ReadJsonAsync();
        Assert.Equal(("Given", prnId, binId), (given.GetProperty("status").GetString(), given.GetProperty("orderId").GetString(), given.GetProperty("binId").GetString()));
        Assert.Equal(4, (await (await _admin.GetAsync($"/api/supply-bins/{binId}")).ReadJsonAsync()).GetProperty("onHand").GetInt32());
        Assert.Single((await (await _admin.GetAsync($"/api/journal?mrn={mrn}&kind=MedicationAdministered")).ReadJsonAsync()).EnumerateArray());
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var mar = (await (await nurse.GetAsync($"/api/patients/{mrn}/mar?from={from}")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Contains(mar, d => d.GetProperty("orderId").GetString() == prnId && d.GetProperty("status").GetString() == "Given");

        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsJsonAsync($"/api/medication-orders/{scheduledId}/doses", new { outcome = "Given" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("Physician")).PostAsJsonAsync($"/api/medication-orders/{prnId}/doses", new { outcome = "Given" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.PostAsJsonAsync("/api/medication-orders/nosuchorder/doses", new { outcome = "Given" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await nurse.PostAsJsonAsync($"/api/medication-orders/{prnId}/doses", new { outcome = "Sideways" })).StatusCode);
        Assert.Equal(4, (await (await _admin.GetAsync($"/api/supply-bins/{binId}")).ReadJsonAsync()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task EachRoleDoesOnlyItsPart()
    {
        var mrn = await PatientAsync("nka");
        var nurse = await As("Nurse");
        var physician = await As("Physician");
        var order = await PlaceAsync(physician, mrn, Order("paracetamol", 1, "g", "once"));
        var dose = (await (await nurse.GetAsync($"/api/patients/{mrn}/mar?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")).ReadJsonAsync())[0];

        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", Order("paracetamol", 1, "g"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await physician.PostAsJsonAsync($"/api/mar/{dose.GetProperty("id").GetString()}/record", new { outcome = "Given" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostAsJsonAsync($"/api/medication-orders/{order.GetProperty("id").GetString()}/discontinue", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsJsonAsync($"/api/mar/{dose.GetProperty("id").GetString()}/record", new { outcome = "Held", reason = "nil by mouth" })).StatusCode);
    }

    [Fact]
    public async Task BadInputIs400AndUnknownIdsAre404()
    {
        var mrn = await PatientAsync("nka");

        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", Order("paracetamol", frequency: "hourly"))).AssertInvalidAsync("frequency");
        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", Order("paracetamol", dose: 0))).AssertInvalidAsync("dose");
        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders", Order("unobtainium"))).AssertInvalidAsync("drug");
        await (await _admin.GetAsync($"/api/patients/{mrn}/mar?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z")).AssertInvalidAsync("to");
        await (await _admin.PostAsJsonAsync("/api/mar/RX-H00000018-1-202601010800/record", new { outcome = "Sideways" })).AssertInvalidAsync("outcome");
        await (await _admin.PostAsJsonAsync("/api/mar/RX-H00000018-1-202601010800/record", new { outcome = "Refused" })).AssertInvalidAsync("reason");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/mar/RX-{mrn}-99-202601010800/record", new { outcome = "Given" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync("/api/medication-orders/nonsense/discontinue", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync("/api/patients/H99999999/medication-orders", Order("paracetamol"))).StatusCode);
    }
}
