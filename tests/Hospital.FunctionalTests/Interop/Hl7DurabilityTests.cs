using System.Net;
using Hospital.FunctionalTests.Infrastructure;
using static Hospital.FunctionalTests.Interop.Hl7Messages;

namespace Hospital.FunctionalTests.Interop;

/// <summary>What the feed acknowledged survives a restart, on SQLite and on PostgreSQL; a repeat after it is still a repeat.</summary>
public sealed class Hl7DurabilityTests
{
    [Fact]
    public Task AcknowledgedMessagesSurviveARestartOnSqlite() => AcknowledgedMessagesSurviveARestart(_ => { });

    [Fact]
    public async Task AcknowledgedMessagesSurviveARestartOnPostgres()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await AcknowledgedMessagesSurviveARestart(f => f.With("Hospital:Storage", "Postgres").With("ConnectionStrings:Hospital", database));
    }

    private static async Task AcknowledgedMessagesSurviveARestart(Action<HospitalFactory> storage)
    {
        var dataDirectory = TestPaths.NewDataDirectory();
        var mrn = "D" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var admitId = Guid.NewGuid().ToString("N")[..12];
        string bedId;
        string firstAck;
        await using (var before = Hospital(dataDirectory, storage))
        {
            var api = before.CreateClient();
            bedId = (await Requests.WardAsync(api, 1)).BedIds[0];
            await using var sender = await before.SenderAsync();
            firstAck = (await sender.SendAsync(Message("ADT^A01^ADT_A01", admitId, Evn(), Pid(mrn), Pv1(bedId)))).Encode();
            Assert.Contains("MSA|AA|", firstAck);
        }

        await using var after = Hospital(dataDirectory, storage);
        var client = after.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{mrn}")).StatusCode);
        Assert.Equal(mrn, (await (await client.GetAsync($"/api/beds/{bedId}")).ReadJsonAsync()).GetProperty("mrn").GetString());
        await using var again = await after.SenderAsync();
        Assert.Equal(firstAck, (await again.SendAsync(Message("ADT^A01^ADT_A01", admitId, Evn(), Pid(mrn), Pv1(bedId)))).Encode());
        var logged = await (await client.GetAsync($"/api/hl7/messages?controlId={admitId}")).ReadJsonAsync();
        Assert.Equal(firstAck, Assert.Single(logged.EnumerateArray()).GetProperty("ack").GetString());
    }

    private static Hl7Fixture Hospital(string dataDirectory, Action<HospitalFactory> storage)
    {
        var hospital = new Hl7Fixture();
        hospital.With("Hospital:DataDirectory", dataDirectory);
        storage(hospital);
        return hospital;
    }
}
