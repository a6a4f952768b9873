using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>ADT requests racing each other on the same beds and admissions (no crash): the beds and admissions still agree.</summary>
[Collection(IntegrityCollection.Name)]
public sealed class AdtRaceTests(HospitalFactory factory) : IClassFixture<HospitalFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task FourClientsOnOneWardForEightSecondsLeaveNoBedOccupiedByAFinishedAdmission()
    {
        var (ward, beds) = await Requests.WardAsync(_client, beds: 15);
        var mrns = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Requests.RegisterAsync(_client)));
        var until = DateTime.UtcNow.AddSeconds(8);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            while (DateTime.UtcNow < until)
            {
                await RandomAdtStepAsync(random, ward, mrns);
            }
        })));

        var wrong = new List<string>();
        foreach (var bed in await Task.WhenAll(beds.Select(BedAsync)))
        {
            if (bed.GetProperty("status").GetString() == "Occupied" && await EncounterStatusAsync(bed) is var status and not "InProgress")
            {
                wrong.Add($"{bed.GetProperty("id")} Occupied by {WardBoard.Text(bed, "encounterId")} ({status})");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task ASwapRacingADischargeLeavesNoDischargedPatientInABed()
    {
        var wrong = new List<string>();
        // The discharge starts 0-19 ms after the swap, sweeping the window in which the swap has read the other admission.
        for (var round = 0; round < 40; round++)
        {
            var (_, beds) = await Requests.WardAsync(_client, beds: 2);
            var a = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);
            var b = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[1]);
            var (swapper, leaver) = round % 2 == 0 ? (a, b) : (b, a);

            await Task.WhenAll(
                _client.PostAsJsonAsync($"/api/admissions/{swapper}/swap", new { otherEncounterId = leaver }),
                Task.Delay(round / 2).ContinueWith(_ => _client.PostAsJsonAsync($"/api/admissions/{leaver}/discharge", new { })).Unwrap());

            foreach (var bed in await Task.WhenAll(beds.Select(BedAsync)))
            {
                if (bed.GetProperty("status").GetString() == "Occupied" && await EncounterStatusAsync(bed) is var status and not "InProgress")
                {
                    wrong.Add($"round {round}: {bed.GetProperty("id")} holds {WardBoard.Text(bed, "mrn")} of admission {WardBoard.Text(bed, "encounterId")} ({status})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task OppositeSwapsAtOnceBothAnswerWithinFiveSecondsAndLeaveEachPatientInOneBed()
    {
        for (var round = 0; round < 3; round++)
        {
            var (_, beds) = await Requests.WardAsync(_client, beds: 2);
            var a = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);
            var b = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[1]);

            var both = Task.WhenAll(
                _client.PostAsJsonAsync($"/api/admissions/{a}/swap", new { otherEncounterId = b }),
                _client.PostAsJsonAsync($"/api/admissions/{b}/swap", new { otherEncounterId = a }));
            var answered = await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(5))) == both;

            Assert.True(answered, $"round {round}: opposite swaps did not both answer within 5 s");
            var statuses = (await both).Select(r => r.StatusCode).ToList();
            Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            Assert.Contains(HttpStatusCode.OK, statuses);
            var occupants = (await Task.WhenAll(beds.Select(BedAsync))).Select(bed => WardBoard.Text(bed, "encounterId")).ToList();
            Assert.Equal(new[] { a, b }.Order(), occupants.Order());
            foreach (var (bedId, encounterId) in beds.Zip(occupants))
            {
                Assert.Equal(bedId, (await (await _client.GetAsync($"/api/admissions/{encounterId}")).ReadJsonAsync()).GetProperty("bedId").GetString());
            }
        }
    }

    /// <summary>One admission, transfer, discharge, swap or bed status change, chosen from the ward as it is now.</summary>
    private async Task RandomAdtStepAsync(Random random, string ward, string[] mrns)
    {
        var board = (await (await _client.GetAsync($"/api/wards/{ward}")).ReadJsonAsync()).GetProperty("beds").EnumerateArray().ToList();
        var occupied = board.Where(b => b.GetProperty("status").GetString() == "Occupied").ToList();
        var available = board.Where(b => b.GetProperty("status").GetString() == "Available").ToList();
        var dirty = board.Where(b => b.GetProperty("status").GetString() is "Dirty" or "Cleaning").ToList();
        string Id(JsonElement bed, string property = "id") => WardBoard.Text(bed, property) ?? "";
        JsonElement Any(List<JsonElement> beds) => beds[random.Next(beds.Count)];
        var step = random.Next(5);
        if (step == 0 && available.Count > 0)
        {
            var inBeds = occupied.Select(b => Id(b, "mrn")).ToHashSet();
            var free = mrns.Where(m => !inBeds.Contains(m)).ToList();
            if (free.Count > 0)
            {
                await _client.PostAsJsonAsync("/api/admissions", new { mrn = free[random.Next(free.Count)], bedId = Id(Any(available)) });
            }
        }
        else if (step == 1 && occupied.Count > 0 && available.Count > 0)
        {
            await _client.PostAsJsonAsync($"/api/admissions/{Id(Any(occupied), "encounterId")}/transfer", new { bedId = Id(Any(available)) });
        }
        else if (step == 2 && occupied.Count > 0)
        {
            await _client.PostAsJsonAsync($"/api/admissions/{Id(Any(occupied), "encounterId")}/discharge", new { });
        }
        else if (step == 3 && occupied.Count > 1)
        {
            var first = Any(occupied);
            var second = Any(occupied.Where(b => Id(b) != Id(first)).ToList());
            await _client.PostAsJsonAsync($"/api/admissions/{Id(first, "encounterId")}/swap", new { otherEncounterId = Id(second, "encounterId") });
        }
        else if (dirty.Count > 0)
        {
            await _client.PostAsJsonAsync($"/api/beds/{Id(Any(dirty))}/status", new { status = "Available" });
        }
    }

    private async Task<JsonElement> BedAsync(string bedId) => await (await _client.GetAsync($"/api/beds/{bedId}")).ReadJsonAsync();

    /// <summary>The status of the admission a bed names; "missing" when it names none or one that does not exist.</summary>
    private async Task<string> EncounterStatusAsync(JsonElement bed)
    {
        if (WardBoard.Text(bed, "encounterId") is not { } encounterId)
        {
            return "missing";
        }

        var response = await _client.GetAsync($"/api/admissions/{encounterId}");
        return response.IsSuccessStatusCode ? (await response.ReadJsonAsync()).GetProperty("status").GetString()! : "missing";
    }
}
