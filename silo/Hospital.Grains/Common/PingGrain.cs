using Hospital.Contracts.Common;
using Orleans.Concurrency;

namespace Hospital.Grains.Common;

[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
