using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Beds;

/// <summary>A reservation's until is bounded by Hospital:Beds:MaxReservation, and one stored beyond it never takes a bed down.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class ReservationLimitTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(60 * 24 * 60)]
    [InlineData(7 * 24 * 60 + 5)]
    [InlineData(-1)]
    public async Task AReservationOutsideTheAllowedRangeIsA400AndChangesNothing(int minutesAhead)
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);
        var before = await BedAsync(_client, beds[0]);

        var response = await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/reserve", new { mrn, until = DateTimeOffset.UtcNow.AddMinutes(minutesAhead) });

        await response.AssertInvalidAsync("until");
        var after = await BedAsync(_client, beds[0]);
        Assert.Equal(("Available", before.GetProperty("version").GetInt64()), (after.GetProperty("status").GetString(), after.GetProperty("version").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/census")).StatusCode);
    }

    [Fact]
    public async Task AReservationWithinTheLimitIsAccepted()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/beds/{beds[0]}/reserve", new { mrn, until = DateTimeOffset.UtcNow.AddDays(6) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Reserved", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AReservationStoredBeyondTheLimitIsCutBackWhenTheBedActivatesAndTheBedCensusAndReleaseWork()
    {
        // A 60-day reservation made while the limit allowed it (as before the limit existed), then a restart with the default.
        var dataDirectory = TestPaths.NewDataDirectory();
        string bed;
        await using (var before = new HospitalFactory().With("Hospital:DataDirectory", dataDirectory).With("Hospital:Beds:MaxReservation", "90.00:00:00"))
        {
            var client = before.CreateClient();
            bed = (await Requests.WardAsync(client, beds: 1)).BedIds[0];
            var reserve = await client.PostAsJsonAsync($"/api/beds/{bed}/reserve", new { mrn = await Requests.RegisterAsync(client), until = DateTimeOffset.UtcNow.AddDays(60) });
            Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        }

        await using var after = new HospitalFactory().With("Hospital:DataDirectory", dataDirectory);
        var restarted = after.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/api/census")).StatusCode);
        var repaired = await WaitForAsync(restarted, bed, b => b.GetProperty("reservedUntil").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddDays(7));
        Assert.Equal("Reserved", repaired.GetProperty("status").GetString());
        Assert.True(repaired.GetProperty("reservedUntil").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddDays(7), repaired.ToString());
        var journal = await (await restarted.GetAsync($"/api/journal?entityId={bed}&kind=BedReservationRepaired")).ReadJsonAsync();
        Assert.Equal(1, journal.GetArrayLength());
        var release = await restarted.PostAsJsonAsync($"/api/beds/{bed}/release", new { });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal("Available", (await release.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/api/census")).StatusCode);
    }

    private static async Task<JsonElement> BedAsync(HttpClient client, string bed)
    {
        var response = await client.GetAsync($"/api/beds/{bed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string bed, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var current = await BedAsync(client, bed);
            if (condition(current) || DateTime.UtcNow > deadline)
            {
                return current;
            }

            await Task.Delay(100);
        }
    }
}
