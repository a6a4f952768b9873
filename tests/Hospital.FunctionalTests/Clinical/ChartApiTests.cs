using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Clinical;

[Collection(SqliteApiCollection.Name)]
public sealed class ChartApiTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static object Vitals(int respiratoryRate = 16, string consciousness = "A") => new
    {
        respiratoryRate, spo2 = 97, onOxygen = false, systolicBp = 120, pulse = 70, consciousness, temperature = 37.0,
    };

    [Fact]
    public async Task RecordingVitalsReturnsTheNews2ScoreAndBand()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/patients/{mrn}/vitals", Vitals(respiratoryRate: 25, consciousness: "C"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var news2 = (await response.ReadJsonAsync()).GetProperty("news2");
        Assert.Equal((6, "Medium"), (news2.GetProperty("score").GetInt32(), news2.GetProperty("riskBand").GetString()));
    }

    [Fact]
    public async Task AMediumScoreRaisesAWarningNews2AlertForThePatientsWard()
    {
        var (ward, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);
        await Requests.AdmitAsync(_client, mrn, beds[0]);

        await _client.PostAsJsonAsync($"/api/patients/{mrn}/vitals", Vitals(respiratoryRate: 25, consciousness: "C"));

        var alerts = await (await _client.GetAsync($"/api/alerts?status=Open&wardId={ward}")).ReadJsonAsync();
        var alert = Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "News2");
        Assert.Equal(("Warning", mrn), (alert.GetProperty("severity").GetString(), alert.GetProperty("subject").GetString()));
        var bed = await (await _client.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync();
        Assert.Equal(6, bed.GetProperty("news2Score").GetInt32());
    }

    [Theory]
    [InlineData("""{"spo2":97,"onOxygen":false,"systolicBp":120,"pulse":70,"consciousness":"A","temperature":37}""", "respiratoryRate")]
    [InlineData("""{"respiratoryRate":16,"spo2":97,"onOxygen":false,"systolicBp":120,"pulse":70,"consciousness":"X","temperature":37}""", "consciousness")]
    [InlineData("""{"respiratoryRate":16,"spo2":97,"spo2Scale":3,"onOxygen":false,"systolicBp":120,"pulse":70,"consciousness":"A","temperature":37}""", "spo2Scale")]
    [InlineData("""{"respiratoryRate":16,"spo2":140,"onOxygen":false,"systolicBp":120,"pulse":70,"consciousness":"A","temperature":37}""", "spo2")]
    [InlineData("""{"respiratoryRate":"16","spo2":97,"onOxygen":false,"systolicBp":120,"pulse":70,"consciousness":"A","temperature":37}""", "respiratoryRate")]
    [InlineData("""{"respiratoryRate":16,"spo2":97,"onOxygen":false,"systolicBp":120,"pulse":70,"consciousness":"A","temperature":37,"takenAt":"2999-01-01T00:00:00Z"}""", "takenAt")]
    public async Task InvalidVitalsAreA400NamingTheField(string body, string field)
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsync($"/api/patients/{mrn}/vitals", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task VitalsForAnUnknownPatientAre404()
    {
        var response = await _client.PostAsJsonAsync("/api/patients/H99999999/vitals", Vitals());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnAmendedEntryKeepsItsOriginalInTheHistory()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var created = await (await _client.PostAsJsonAsync($"/api/patients/{mrn}/problems", new { code = "J18.9", display = "Pneumonia", status = "active" })).ReadJsonAsync();
        var id = created.GetProperty("id").GetString();

        var amended = await _client.PutAsJsonAsync($"/api/patients/{mrn}/problems/{id}?reason=coded%20more%20precisely", new { code = "J15.9", display = "Bacterial pneumonia", status = "active" });

        Assert.Equal(2, (await amended.ReadJsonAsync()).GetProperty("revision").GetInt32());
        var history = await (await _client.GetAsync($"/api/patients/{mrn}/problems/{id}/history")).ReadJsonAsync();
        Assert.Equal(2, history.GetArrayLength());
        Assert.Contains("J18.9", history[0].GetProperty("payload").GetString());
        Assert.Equal("admin", history[1].GetProperty("actor").GetString());
        var chart = await (await _client.GetAsync($"/api/patients/{mrn}/chart")).ReadJsonAsync();
        Assert.Equal("J15.9", chart.GetProperty("sections").GetProperty("problems")[0].GetProperty("data").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnEntryMarkedEnteredInErrorStaysInTheChartFlagged()
    {
        var mrn = await Requests.RegisterAsync(_client);
        var created = await (await _client.PostAsJsonAsync($"/api/patients/{mrn}/allergies", new { substance = "Latex", severity = "moderate", status = "active" })).ReadJsonAsync();

        var marked = await _client.PostAsJsonAsync($"/api/patients/{mrn}/allergies/{created.GetProperty("id").GetString()}/entered-in-error", new { reason = "wrong patient" });

        Assert.True((await marked.ReadJsonAsync()).GetProperty("enteredInError").GetBoolean());
        Assert.Equal(1, (await (await _client.GetAsync($"/api/patients/{mrn}/allergies")).ReadJsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("problems", """{"code":"pneumonia","display":"x","status":"active"}""", "code")]
    [InlineData("allergies", """{"status":"active"}""", "substance")]
    [InlineData("allergies", """{"substance":"Latex","status":"active","severity":"deadly"}""", "severity")]
    [InlineData("medications", """{"name":"Aspirin","status":"taking"}""", "status")]
    [InlineData("immunizations", """{"vaccine":"Influenza"}""", "date")]
    [InlineData("notes", """{"type":"progress"}""", "text")]
    [InlineData("imaging", """{"modality":"CT","description":"Chest","link":"javascript:alert(1)"}""", "link")]
    [InlineData("care-plans", """{"title":"Mobilise","status":"active","goals":[{"status":"achieved"}]}""", "goals[0].description")]
    public async Task InvalidChartEntriesAreA400NamingTheField(string section, string body, string field)
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsync($"/api/patients/{mrn}/{section}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task LabResultsAreFlaggedAndACriticalOneRaisesAnAlert()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/patients/{mrn}/labs",
            new { loinc = "2823-3", name = "Potassium", value = 2.1, unit = "mmol/L", referenceLow = 3.5, referenceHigh = 5.1, criticalLow = 2.5, criticalHigh = 6.5 });

        Assert.Equal("LL", (await response.ReadJsonAsync()).GetProperty("flag").GetString());
        var alerts = await (await _client.GetAsync($"/api/alerts?status=Open&kind=CriticalResult&subject={mrn}")).ReadJsonAsync();
        Assert.Equal("Critical", Assert.Single(alerts.EnumerateArray()).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task PatientsAreFoundByNameAndBirthDate()
    {
        var family = "Zz" + Guid.NewGuid().ToString("N")[..8];
        var mrn = await Requests.RegisterAsync(_client, Requests.Patient("Ann", family, "1961-07-08"));

        var byName = await (await _client.GetAsync($"/api/patients?name=ann%20{family[..5]}")).ReadJsonAsync();
        var byBoth = await (await _client.GetAsync($"/api/patients?name={family}&birthDate=1961-07-08")).ReadJsonAsync();
        var none = await _client.GetAsync("/api/patients");

        Assert.Contains(byName.EnumerateArray(), p => p.GetProperty("mrn").GetString() == mrn);
        Assert.Equal(mrn, Assert.Single(byBoth.EnumerateArray()).GetProperty("mrn").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }
}
