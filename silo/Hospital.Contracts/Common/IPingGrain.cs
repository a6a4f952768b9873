namespace Hospital.Contracts.Common;

/// <summary>Answers readiness probes: a round trip through the cluster without touching any patient data.</summary>
[Alias("hospital.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")] Task Ping();
}
