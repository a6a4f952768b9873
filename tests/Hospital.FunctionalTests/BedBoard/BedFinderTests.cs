using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.BedBoard;

/// <summary>
/// The bed finder lists exactly the beds an admission accepts: for every patient sex, ward sex policy, isolation need
/// and bed status, each bed of a hospital of its own is tried with a real admission (then cancelled) and compared.
/// </summary>
public sealed class BedFinderTests : IAsyncLifetime
{
    private static readonly string[] Sexes = ["female", "male", "other", "unknown"];
    private static readonly string[] Policies = ["Mixed", "Male", "Female"];

    private readonly HospitalFactory _factory = new HospitalFactory().With("Hospital:DataDirectory", TestPaths.NewDataDirectory());
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task NowHoldsExactlyTheBedsAnAdmissionAcceptsForEveryCombination()
    {
        var patients = new Dictionary<string, string>();
        foreach (var sex in Sexes)
        {
            patients[sex] = await Requests.RegisterAsync(_client, Requests.Patient(given: "Pat", family: sex, sex: sex));
        }

        var reservedFor = new Dictionary<string, string>(); // bed -> mrn it is reserved for
        var beds = new List<string>();
        foreach (var policy in Policies)
        {
            var wardId = $"F{policy}{Guid.NewGuid():N}"[..12];
            (await _client.PostAsJsonAsync("/api/wards", new { id = wardId, name = $"Finder {policy}", sexPolicy = policy })).EnsureSuccessStatusCode();
            var filler = policy == "Male" ? "male" : "female";
            foreach (var isolation in new[] { false, true })
            {
                async Task<string> Bed(string label)
                {
                    var id = $"{wardId}-{label}-{(isolation ? "I" : "N")}";
                    (await _client.PostAsJsonAsync($"/api/wards/{wardId}/beds", new { id, room = label, isolationCapable = isolation })).EnsureSuccessStatusCode();
                    beds.Add(id);
                    return id;
                }

                await Bed("AV");
                await Status(await Bed("BL"), "Blocked", "maintenance");
                var dirty = await Bed("DI");
                await Status(dirty, "Blocked", "spill");
                await Status(dirty, "Dirty");
                var cleaning = await Bed("CL");
                await Status(cleaning, "Blocked", "spill");
                await Status(cleaning, "Dirty");
                await Status(cleaning, "Cleaning");
                await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client, Requests.Patient(sex: filler)), await Bed("OC"));
                var other = await Requests.RegisterAsync(_client, Requests.Patient(sex: filler));
                await Reserve(await Bed("RO"), other);
                foreach (var sex in Sexes)
                {
                    var bed = await Bed("R" + sex[..2].ToUpperInvariant());
                    await Reserve(bed, patients[sex]);
                    reservedFor[bed] = patients[sex];
                }
            }
        }

        foreach (var sex in Sexes)
        {
            foreach (var isolation in new[] { false, true })
            {
                var mrn = patients[sex];
                var found = await FindAsync($"mrn={mrn}&isolationRequired={isolation.ToString().ToLowerInvariant()}");
                var now = found.GetProperty("now").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToHashSet();

                var accepted = new HashSet<string>();
                foreach (var bed in beds)
                {
                    var admit = await AdmitWhenSettledAsync(mrn, bed, isolation);
                    if (admit.StatusCode == HttpStatusCode.Created)
                    {
                        accepted.Add(bed);
                        var encounterId = (await admit.ReadJsonAsync()).GetProperty("encounterId").GetString();
                        (await _client.PostAsJsonAsync($"/api/admissions/{encounterId}/cancel", new { })).EnsureSuccessStatusCode();
                        if (reservedFor.TryGetValue(bed, out var holder))
                        {
                            await Reserve(bed, holder);
                        }
                    }
                    else
                    {
                        Assert.Equal(HttpStatusCode.Conflict, admit.StatusCode);
                    }
                }

                Assert.True(accepted.SetEquals(now),
                    $"{sex}, isolation {isolation}: finder [{string.Join(", ", now.Order())}] admission [{string.Join(", ", accepted.Order())}]");
                // The finder's own answer is not vacuous: the mixed ward's free bed always suits.
                Assert.Contains(beds.Single(b => b.StartsWith("FMixed") && b.EndsWith("-AV-I")), now);
                Assert.DoesNotContain(found.GetProperty("now").EnumerateArray(), b => b.GetProperty("id").GetString()!.Contains("-RO-"));
                // Reserved for this patient ranks first.
                Assert.Equal(mrn, found.GetProperty("now")[0].GetProperty("mrn").GetString());

                var soon = found.GetProperty("soon").EnumerateArray().ToList();
                Assert.All(soon, s => Assert.Contains(s.GetProperty("status").GetString(), new[] { "Dirty", "Cleaning", "Occupied" }));
                Assert.All(soon, s => Assert.True(!isolation || s.GetProperty("isolationCapable").GetBoolean()));
                Assert.All(soon, s => Assert.True(s.GetProperty("readyAt").GetDateTimeOffset() >= DateTimeOffset.UtcNow.AddMinutes(-1)));
                var dirtyMixed = beds.Single(b => b.StartsWith("FMixed") && b.EndsWith("-DI-I"));
                Assert.Contains(soon, s => s.GetProperty("id").GetString() == dirtyMixed && s.GetProperty("readyBasis").GetString() == "Dirty");
            }
        }
    }

    [Fact]
    public async Task TheRequestedWardRanksFirstAnAdmittedPatientGetsNoBedAndATransferSearchLeavesTheirBedOut()
    {
        var (first, firstBeds) = await Requests.WardAsync(_client, beds: 2);
        var (requested, requestedBeds) = await Requests.WardAsync(_client, beds: 2);
        var mrn = await Requests.RegisterAsync(_client);

        var found = await FindAsync($"mrn={mrn}&wardId={requested}");
        var now = found.GetProperty("now").EnumerateArray().ToList();
        Assert.Equal(requested, now[0].GetProperty("wardId").GetString());
        Assert.Equal(requested, now[1].GetProperty("wardId").GetString());
        Assert.Contains("Requested ward", now[0].GetProperty("why").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(now, b => b.GetProperty("id").GetString() == firstBeds[0]);

        var encounterId = await Requests.AdmitAsync(_client, mrn, requestedBeds[0]);
        var admitted = await FindAsync($"mrn={mrn}");
        Assert.Equal(0, admitted.GetProperty("now").GetArrayLength());
        Assert.Contains("admitted", admitted.GetProperty("note").GetString());

        var transfer = await FindAsync($"mrn={mrn}&encounterId={encounterId}&wardId={first}");
        var targets = transfer.GetProperty("now").EnumerateArray().Select(b => b.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(requestedBeds[0], targets);
        Assert.Equal(firstBeds[0], targets[0]);
        var moved = await _client.PostAsJsonAsync($"/api/admissions/{encounterId}/transfer", new { bedId = targets[0] });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task BadQueriesAreProblemsAndChangeNothing()
    {
        await (await _client.GetAsync("/api/bed-finder")).AssertInvalidAsync("mrn");
        await (await _client.GetAsync("/api/bed-finder?mrn=bad%20id")).AssertInvalidAsync("mrn");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/bed-finder?mrn=NOPE-1")).StatusCode);
        var mrn = await Requests.RegisterAsync(_client);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/bed-finder?mrn={mrn}&wardId=NOWARD")).StatusCode);
        var unparsable = await _client.GetAsync($"/api/bed-finder?mrn={mrn}&isolationRequired=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, unparsable.StatusCode);
        Assert.Equal("application/problem+json", unparsable.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/bed-finder?mrn={mrn}&encounterId=E-NONE")).StatusCode);
    }

    private async Task<HttpResponseMessage> AdmitWhenSettledAsync(string mrn, string bed, bool isolation)
    {
        // A cancelled admission's end reaches the patient record a moment after the cancel answers.
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.PostAsJsonAsync("/api/admissions", new { mrn, bedId = bed, isolationRequired = isolation });
            if (response.StatusCode != HttpStatusCode.Conflict || attempt == 50
                || !(await response.Content.ReadAsStringAsync()).Contains("settling"))
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> FindAsync(string query)
    {
        var response = await _client.GetAsync($"/api/bed-finder?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task Status(string bed, string status, string? reason = null) =>
        (await _client.PostAsJsonAsync($"/api/beds/{bed}/status", new { status, reason })).EnsureSuccessStatusCode();

    private async Task Reserve(string bed, string mrn) =>
        (await _client.PostAsJsonAsync($"/api/beds/{bed}/reserve", new { mrn })).EnsureSuccessStatusCode();
}
