using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using static Hospital.FunctionalTests.Interop.Hl7Messages;

namespace Hospital.FunctionalTests.Interop;

/// <summary>
/// ADT and ORU traffic over a real TCP connection to the api's MLLP listener, each rule of the interop issue's table,
/// with the state checked through the REST API.
/// </summary>
public sealed class Hl7FeedTests(Hl7Fixture hospital) : IClassFixture<Hl7Fixture>
{
    private readonly HttpClient _api = hospital.CreateClient();

    private static string NewMrn() => "H" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private async Task<JsonElement> BedAsync(string bedId) => await (await _api.GetAsync($"/api/beds/{bedId}")).ReadJsonAsync();

    private async Task<JsonElement> PatientAsync(string mrn) => await (await _api.GetAsync($"/api/patients/{mrn}")).ReadJsonAsync();

    private async Task<JsonElement> EncounterOfAsync(string mrn) =>
        await (await _api.GetAsync($"/api/admissions/{(await PatientAsync(mrn)).GetProperty("currentEncounterId").GetString()}")).ReadJsonAsync();

    private static async Task AssertAccepted(Hl7Sender sender, string message)
    {
        var ack = await sender.SendAsync(message);
        Assert.True(ack.Code() == "AA", ack.Encode());
    }

    [Fact]
    public async Task RegisterAdmitTransferDischargeMoveBedsAsTheTableSays()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();

        var registered = await sender.SendAsync(Message("ADT^A04^ADT_A01", NewId(), Evn(), Pid(mrn, "Okafor", "Ngozi", "19720315", "F"), Pv1()));
        Assert.Equal("AA", registered.Code());
        Assert.Equal(["ACK", "A04", "ACK"], [registered.Value("MSH-9.1"), registered.Value("MSH-9.2"), registered.Value("MSH-9.3")]);
        var patient = await PatientAsync(mrn);
        Assert.Equal("Okafor", patient.GetProperty("name").GetProperty("family").GetString());
        Assert.Equal("1972-03-15", patient.GetProperty("birthDate").GetString());
        Assert.False(patient.TryGetProperty("currentEncounterId", out _));

        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(mrn, "Okafor", "Ngozi", "19720315", "F"), Pv1(beds[0])));
        Assert.Equal("Occupied", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.Equal(mrn, (await BedAsync(beds[0])).GetProperty("mrn").GetString());
        Assert.Equal("InProgress", (await EncounterOfAsync(mrn)).GetProperty("status").GetString());

        await AssertAccepted(sender, Message("ADT^A02^ADT_A02", NewId(), Evn(), Pid(mrn), Pv1(beds[1], beds[0])));
        Assert.Equal("Dirty", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.Equal("Occupied", (await BedAsync(beds[1])).GetProperty("status").GetString());
        var encounterId = (await PatientAsync(mrn)).GetProperty("currentEncounterId").GetString();

        await AssertAccepted(sender, Message("ADT^A03^ADT_A03", NewId(), Evn(), Pid(mrn), Pv1(beds[1])));
        Assert.Equal("Dirty", (await BedAsync(beds[1])).GetProperty("status").GetString());
        Assert.Equal("Finished", (await (await _api.GetAsync($"/api/admissions/{encounterId}")).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.False((await PatientAsync(mrn)).TryGetProperty("currentEncounterId", out _));
    }

    [Fact]
    public async Task ARepeatedControlIdGetsTheFirstAnswerAndIsNotAppliedAgain()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var mrn = NewMrn();
        var controlId = NewId();
        await using var sender = await hospital.SenderAsync();
        var admit = Message("ADT^A01^ADT_A01", controlId, Evn(), Pid(mrn), Pv1(beds[0]));
        var first = await sender.SendAsync(admit);
        await AssertAccepted(sender, Message("ADT^A03^ADT_A03", NewId(), Evn(), Pid(mrn)));

        // The same control id again, even naming another bed: the first answer, and nobody is admitted again.
        var again = await sender.SendAsync(Message("ADT^A01^ADT_A01", controlId, Evn(), Pid(mrn), Pv1(beds[1])));

        Assert.Equal(first.Encode(), again.Encode());
        Assert.Equal("Dirty", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.Equal("Available", (await BedAsync(beds[1])).GetProperty("status").GetString());
        Assert.False((await PatientAsync(mrn)).TryGetProperty("currentEncounterId", out _));
        var logged = await (await _api.GetAsync($"/api/hl7/messages?controlId={controlId}")).ReadJsonAsync();
        var record = Assert.Single(logged.EnumerateArray());
        Assert.Equal(mrn, record.GetProperty("mrn").GetString());
        Assert.Equal("ADT^A01", record.GetProperty("messageType").GetString());
        Assert.Equal(admit, record.GetProperty("raw").GetString());
        Assert.Equal(first.Encode(), record.GetProperty("ack").GetString());
    }

    [Fact]
    public async Task ARefusedAdmissionChangesNothingNotEvenThePatient()
    {
        var (_, beds) = await Requests.WardAsync(_api, 1);
        var occupant = await Requests.RegisterAsync(_api);
        await Requests.AdmitAsync(_api, occupant, beds[0]);
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();

        var ack = await sender.SendAsync(Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(mrn), Pv1(beds[0])));

        Assert.Equal("AE", ack.Code());
        Assert.Contains("Occupied", ack.Value("ERR-8"));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/patients/{mrn}")).StatusCode);
        Assert.Equal(occupant, (await BedAsync(beds[0])).GetProperty("mrn").GetString());
    }

    [Theory]
    [InlineData("19721315", "PID^1^7", "102")]
    [InlineData("", "PID^1^7", "101")]
    public async Task AnInvalidOrMissingBirthDateIsRefusedAndCreatesNobody(string birth, string location, string code)
    {
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();

        var ack = await sender.SendAsync(Message("ADT^A04^ADT_A01", NewId(), Evn(), Pid(mrn, birth: birth)));

        Assert.Equal("AE", ack.Code());
        Assert.Equal(location, ack.ErrorLocation());
        Assert.Equal(code, ack.Value("ERR-3"));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/patients/{mrn}")).StatusCode);
    }

    [Theory]
    [InlineData("AB_12")]
    [InlineData("AB 12")]
    public async Task AnMrnThatCouldNotBeAFhirIdIsRefused(string mrn)
    {
        await using var sender = await hospital.SenderAsync();
        var ack = await sender.SendAsync(Message("ADT^A04^ADT_A01", NewId(), Evn(), Pid(mrn)));
        Assert.Equal("AE", ack.Code());
        Assert.Equal("PID^1^3", ack.ErrorLocation());
    }

    [Fact]
    public async Task AMessageWithoutPidIsRefused()
    {
        await using var sender = await hospital.SenderAsync();
        var ack = await sender.SendAsync(Message("ADT^A01^ADT_A01", NewId(), Evn()));
        Assert.Equal("AE", ack.Code());
        Assert.Equal("100", ack.Value("ERR-3"));
    }

    [Fact]
    public async Task TheConnectionSurvivesGarbageAMessageWithoutMshAndATruncatedHeader()
    {
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();

        await sender.WriteRawAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        await sender.WriteRawAsync([0x0B, .. "PID|1||X^^^H^MR\r"u8.ToArray(), 0x1C, 0x0D]);
        Assert.Equal("AR", (await sender.ReadAckAsync()).Code());
        var noHeader = await sender.ReadAckAsync();
        Assert.Equal("AR", noHeader.Code());
        var truncatedId = NewId();
        var truncated = await sender.SendAsync($"MSH|^~\\&|REG|GENHOSP|ORLEANS|GENHOSP|20261204010000||ADT^A04|{truncatedId}\r");
        Assert.Equal("AR", truncated.Code());
        Assert.Equal(truncatedId, truncated.Value("MSA-2"));

        await AssertAccepted(sender, Message("ADT^A04^ADT_A01", NewId(), Evn(), Pid(mrn)));
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync($"/api/patients/{mrn}")).StatusCode);
    }

    [Fact]
    public async Task DemographicsAreLastWriterWinsOnTheEventTime()
    {
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();
        await AssertAccepted(sender, Message("ADT^A04^ADT_A01", NewId(), Evn("20261204090000"), Pid(mrn, "Newer")));

        // An older update arriving late: AA, and ignored (EVN-6 wins over EVN-2, which is newer here).
        await AssertAccepted(sender, Message("ADT^A08^ADT_A01", NewId(), Evn("20261204100000", occurred: "20261204080000"), Pid(mrn, "Older")));
        Assert.Equal("Newer", (await PatientAsync(mrn)).GetProperty("name").GetProperty("family").GetString());

        await AssertAccepted(sender, Message("ADT^A08^ADT_A01", NewId(), Evn("20261204100000"), Pid(mrn, "Latest")));
        Assert.Equal("Latest", (await PatientAsync(mrn)).GetProperty("name").GetProperty("family").GetString());
    }

    [Fact]
    public async Task CancelAdmitFreesTheBedAndCancelDischargeResumesTheStay()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var (cancelled, resumed) = (NewMrn(), NewMrn());
        await using var sender = await hospital.SenderAsync();

        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(cancelled), Pv1(beds[0])));
        await AssertAccepted(sender, Message("ADT^A11^ADT_A09", NewId(), Evn(), Pid(cancelled), Pv1(beds[0])));
        Assert.Equal("Available", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.False((await PatientAsync(cancelled)).TryGetProperty("currentEncounterId", out _));

        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(resumed), Pv1(beds[1])));
        await AssertAccepted(sender, Message("ADT^A03^ADT_A03", NewId(), Evn(), Pid(resumed)));
        await AssertAccepted(sender, Message("ADT^A13^ADT_A01", NewId(), Evn(), Pid(resumed), Pv1()));
        Assert.Equal("Occupied", (await BedAsync(beds[1])).GetProperty("status").GetString());
        Assert.Equal("InProgress", (await EncounterOfAsync(resumed)).GetProperty("status").GetString());

        // A13 again: the patient is admitted, so there is no discharge to cancel.
        Assert.Equal("AE", (await sender.SendAsync(Message("ADT^A13^ADT_A01", NewId(), Evn(), Pid(resumed), Pv1()))).Code());
    }

    [Fact]
    public async Task CancelDischargeIntoANamedBedThatIsCleaning()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();
        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(mrn), Pv1(beds[0])));
        await AssertAccepted(sender, Message("ADT^A03^ADT_A03", NewId(), Evn(), Pid(mrn)));
        (await _api.PostAsJsonAsync($"/api/beds/{beds[0]}/status", new { status = "Cleaning" })).EnsureSuccessStatusCode();

        await AssertAccepted(sender, Message("ADT^A13^ADT_A01", NewId(), Evn(), Pid(mrn), Pv1(beds[0])));

        Assert.Equal("Occupied", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.Equal(beds[0], (await EncounterOfAsync(mrn)).GetProperty("bedId").GetString());
    }

    [Fact]
    public async Task CancelTransferReturnsThePatientToTheirDirtyBedAndFreesTheOther()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();
        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(mrn), Pv1(beds[0])));
        await AssertAccepted(sender, Message("ADT^A02^ADT_A02", NewId(), Evn(), Pid(mrn), Pv1(beds[1], beds[0])));
        Assert.Equal("Dirty", (await BedAsync(beds[0])).GetProperty("status").GetString());

        // PV1-3 must be the location before the transfer.
        Assert.Equal("AE", (await sender.SendAsync(Message("ADT^A12^ADT_A12", NewId(), Evn(), Pid(mrn), Pv1(beds[1])))).Code());
        await AssertAccepted(sender, Message("ADT^A12^ADT_A12", NewId(), Evn(), Pid(mrn), Pv1(beds[0])));

        Assert.Equal("Occupied", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.Equal(mrn, (await BedAsync(beds[0])).GetProperty("mrn").GetString());
        Assert.Equal("Available", (await BedAsync(beds[1])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task SwapExchangesTheBedsOfTwoPatients()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var (first, second) = (NewMrn(), NewMrn());
        await using var sender = await hospital.SenderAsync();
        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(first), Pv1(beds[0])));
        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(second), Pv1(beds[1])));

        await AssertAccepted(sender, Message("ADT^A17^ADT_A17", NewId(), Evn(), Pid(first), Pv1(beds[1], beds[0]), Pid(second), Pv1(beds[0], beds[1])));

        Assert.Equal(second, (await BedAsync(beds[0])).GetProperty("mrn").GetString());
        Assert.Equal(first, (await BedAsync(beds[1])).GetProperty("mrn").GetString());
        Assert.Equal("Occupied", (await BedAsync(beds[0])).GetProperty("status").GetString());
        Assert.Equal("Occupied", (await BedAsync(beds[1])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BedStatusUpdatesFollowTable0116AndNeverTouchAnOccupiedBed()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var occupant = await Requests.RegisterAsync(_api);
        await Requests.AdmitAsync(_api, occupant, beds[1]);
        await using var sender = await hospital.SenderAsync();
        string A20(string bedId, string status) => Message("ADT^A20^ADT_A20", NewId(), Evn(), $"NPU|{Location(bedId)}|{status}");

        await AssertAccepted(sender, A20(beds[0], "U"));
        Assert.Equal("AE", (await sender.SendAsync(A20(beds[0], "H"))).Code());
        Assert.Equal("AE", (await sender.SendAsync(A20(beds[0], "O"))).Code());
        Assert.Equal("AE", (await sender.SendAsync(A20(beds[0], "Z"))).Code());
        await AssertAccepted(sender, A20(beds[0], "K"));
        var blocked = await BedAsync(beds[0]);
        Assert.Equal("Blocked", blocked.GetProperty("status").GetString());
        Assert.Equal("contaminated", blocked.GetProperty("reason").GetString());
        await AssertAccepted(sender, A20(beds[0], "H"));
        Assert.Equal("Dirty", (await BedAsync(beds[0])).GetProperty("status").GetString());

        await AssertAccepted(sender, A20(beds[1], "O"));
        Assert.Equal("AE", (await sender.SendAsync(A20(beds[1], "H"))).Code());
        Assert.Equal("Occupied", (await BedAsync(beds[1])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MergeMovesTheAdmissionAndBedToTheSurvivingMrn()
    {
        var (_, beds) = await Requests.WardAsync(_api, 1);
        var (prior, survivor) = (NewMrn(), NewMrn());
        await using var sender = await hospital.SenderAsync();
        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(prior, "Mensah", "Kofi", "19600101", "M"), Pv1(beds[0])));
        var encounterId = (await PatientAsync(prior)).GetProperty("currentEncounterId").GetString();

        await AssertAccepted(sender, Message("ADT^A40^ADT_A39", NewId(), Evn(), Pid(survivor, "Mensah", "Kofi", "19600101", "M"), $"MRG|{prior}^^^GENHOSP^MR"));

        var bed = await BedAsync(beds[0]);
        Assert.Equal(survivor, bed.GetProperty("mrn").GetString());
        Assert.Equal(encounterId, bed.GetProperty("encounterId").GetString());
        Assert.Equal(survivor, (await (await _api.GetAsync($"/api/admissions/{encounterId}")).ReadJsonAsync()).GetProperty("mrn").GetString());
        Assert.Equal(encounterId, (await PatientAsync(survivor)).GetProperty("currentEncounterId").GetString());
        var merged = await PatientAsync(prior);
        Assert.Equal(survivor, merged.GetProperty("mergedInto").GetString());
        Assert.False(merged.TryGetProperty("currentEncounterId", out _));
        Assert.Contains(encounterId!, await _api.GetStringAsync($"/fhir/Encounter?patient={survivor}"));
        Assert.DoesNotContain(encounterId!, await _api.GetStringAsync($"/fhir/Encounter?patient={prior}"));
    }

    [Fact]
    public async Task ResultsAttachToTheirLabOrderAndACriticalValueRaisesAnAlert()
    {
        var mrn = await Requests.RegisterAsync(_api);
        var order = await (await _api.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders", new { code = "2823-3", priority = "Stat" })).ReadJsonAsync();
        var orderId = order.GetProperty("id").GetString()!;
        await using var sender = await hospital.SenderAsync();
        var observed = DateTimeOffset.UtcNow.AddMinutes(-30).ToString("yyyyMMddHHmm");

        var ack = await sender.SendAsync(Message("ORU^R01^ORU_R01", NewId(), Pid(mrn),
            $"OBR|1|{orderId}|F123|2823-3^Potassium^LN|||{observed}",
            $"OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||6.9|mmol/L|3.5-5.1|HH|||F|||{observed}",
            $"OBR|2||F124|2951-2^Sodium^LN|||{observed}",
            $"OBX|1|NM|2951-2^Sodium^LN||139|mmol/L|135-145|N|||F"));

        Assert.True(ack.Code() == "AA", ack.Encode());
        var resulted = (await (await _api.GetAsync($"/api/patients/{mrn}/lab-orders")).ReadJsonAsync()).EnumerateArray().Single(o => o.GetProperty("id").GetString() == orderId);
        Assert.Equal("Resulted", resulted.GetProperty("status").GetString());
        var labs = (await (await _api.GetAsync($"/api/patients/{mrn}/labs")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, labs.Count);
        var potassium = labs.Single(l => l.GetProperty("loinc").GetString() == "2823-3");
        Assert.Equal(6.9m, potassium.GetProperty("value").GetDecimal());
        Assert.Equal("HH", potassium.GetProperty("flag").GetString());
        Assert.Equal(orderId, potassium.GetProperty("orderId").GetString());
        Assert.Equal(3.5m, potassium.GetProperty("referenceLow").GetDecimal());
        Assert.False(labs.Single(l => l.GetProperty("loinc").GetString() == "2951-2").TryGetProperty("orderId", out _));
        var alerts = await (await _api.GetAsync($"/api/alerts?subject={mrn}")).ReadJsonAsync();
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "CriticalResult");
    }

    [Fact]
    public async Task ATextResultIsRefusedAndRecordsNothing()
    {
        var mrn = await Requests.RegisterAsync(_api);
        await using var sender = await hospital.SenderAsync();

        var ack = await sender.SendAsync(Message("ORU^R01^ORU_R01", NewId(), Pid(mrn), "OBR|1|||2823-3^Potassium^LN",
            "OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F", "OBX|2|ST|2951-2^Sodium^LN||normal|mmol/L"));

        Assert.Equal("AE", ack.Code());
        Assert.Equal("OBX^2^2", ack.ErrorLocation());
        Assert.Empty((await (await _api.GetAsync($"/api/patients/{mrn}/labs")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task ASilentSenderDoesNotHoldUpOthers()
    {
        await using var silent = await hospital.SenderAsync();
        await silent.WriteRawAsync([0x0B, .. "MSH|^~\\&|SLOW|"u8.ToArray()]);
        var mrns = Enumerable.Range(0, 8).Select(_ => NewMrn()).ToList();

        await Task.WhenAll(mrns.Select(async mrn =>
        {
            await using var sender = await hospital.SenderAsync();
            await AssertAccepted(sender, Message("ADT^A28^ADT_A05", NewId(), Evn(), Pid(mrn)));
        }));

        foreach (var mrn in mrns)
        {
            Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync($"/api/patients/{mrn}")).StatusCode);
        }
    }

    [Fact]
    public async Task TheInterfaceLogIsSearchableByMrnAndReadOnlyForIntegrationAndAdmin()
    {
        var mrn = NewMrn();
        await using var sender = await hospital.SenderAsync();
        await AssertAccepted(sender, Message("ADT^A04^ADT_A01", NewId(), Evn(), Pid(mrn)));
        await sender.SendAsync(Message("ADT^A04^ADT_A01", NewId(), Evn(), Pid(mrn, birth: "2999")));

        var logged = (await (await _api.GetAsync($"/api/hl7/messages?mrn={mrn}")).ReadJsonAsync()).EnumerateArray().ToList();

        Assert.Equal(["AE", "AA"], logged.Select(r => r.GetProperty("ackCode").GetString()));
        Assert.Equal("REG|GENHOSP", logged[0].GetProperty("sender").GetString());
        var nurse = await TestAuth.UserClientAsync(_api, hospital.CreateAnonymousClient, "Nurse");
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync($"/api/hl7/messages?mrn={mrn}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.GetAsync("/api/hl7/messages?limit=0")).StatusCode);
    }

    [Fact]
    public async Task AnUnsupportedEventIsRejectedAndAMoveToATakenBedChangesNothing()
    {
        var (_, beds) = await Requests.WardAsync(_api, 2);
        var (moving, staying) = (NewMrn(), NewMrn());
        await using var sender = await hospital.SenderAsync();
        var unsupported = await sender.SendAsync(Message("ADT^A99^ADT_A01", NewId(), Evn(), Pid(moving)));
        Assert.Equal("AR", unsupported.Code());
        Assert.Equal("201", unsupported.Value("ERR-3"));
        Assert.Equal("AE", (await sender.SendAsync(Message("ADT^A03^ADT_A03", NewId(), Evn(), Pid(moving)))).Code());

        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(moving), Pv1(beds[0])));
        await AssertAccepted(sender, Message("ADT^A01^ADT_A01", NewId(), Evn(), Pid(staying), Pv1(beds[1])));
        Assert.Equal("AE", (await sender.SendAsync(Message("ADT^A02^ADT_A02", NewId(), Evn(), Pid(moving), Pv1(beds[1], beds[0])))).Code());

        Assert.Equal(moving, (await BedAsync(beds[0])).GetProperty("mrn").GetString());
        Assert.Equal(staying, (await BedAsync(beds[1])).GetProperty("mrn").GetString());
        Assert.Equal("AE", (await sender.SendAsync(Message("ADT^A40^ADT_A39", NewId(), Evn(), Pid(staying), $"MRG|{moving}^^^GENHOSP^MR"))).Code());
        Assert.False((await PatientAsync(moving)).TryGetProperty("mergedInto", out _));
    }
}
