using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Hospital.FunctionalTests.Interop.Hl7Messages;

namespace Hospital.FunctionalTests.Interop;

/// <summary>
/// A message whose application fails part-way (a grain call that times out, a crash) gets no ACK; its resume job
/// finishes it, and the sender's retry gets the AA of that one application.
/// </summary>
public sealed class Hl7ResumeTests : IAsyncLifetime
{
    private readonly FaultyCalls _faults = new();
    private readonly FaultyHl7Fixture _hospital;

    public Hl7ResumeTests() => _hospital = new FaultyHl7Fixture(_faults);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hospital.DisposeAsync();

    [Fact]
    public async Task AnInterruptedAdmissionIsFinishedByItsResumeJobAndTheRetryGetsItsAck()
    {
        var api = _hospital.CreateClient();
        var bedId = (await Requests.WardAsync(api, 1)).BedIds[0];
        var mrn = "R" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var admit = Message("ADT^A01^ADT_A01", Guid.NewGuid().ToString("N")[..12], Evn(), Pid(mrn), Pv1(bedId));
        _faults.FailBefore("IEncounterGrain.Admit");

        await using (var sender = await _hospital.SenderAsync())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(admit));
        }

        Assert.True(await FaultyCalls.EventuallyAsync(async () =>
            (await (await api.GetAsync($"/api/beds/{bedId}")).ReadJsonAsync()).GetProperty("status").GetString() == "Occupied"),
            "the resume job never finished the admission");
        await using var retry = await _hospital.SenderAsync();
        var ack = await retry.SendAsync(admit);

        Assert.Equal("AA", ack.Code());
        var logged = await (await api.GetAsync($"/api/hl7/messages?mrn={mrn}")).ReadJsonAsync();
        Assert.Equal(ack.Encode(), Assert.Single(logged.EnumerateArray()).GetProperty("ack").GetString());
        Assert.Equal(2, _faults.Calls("IEncounterGrain.Admit"));
    }

    private sealed class FaultyHl7Fixture(FaultyCalls faults) : Hl7Fixture
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IIncomingGrainCallFilter>(faults));
        }
    }
}
