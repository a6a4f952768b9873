using Hospital.Contracts.Common;
using Hospital.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hospital.Hosting.Health;

public static class HealthRegistration
{
    private const string Ready = "ready";

    public static IServiceCollection AddHospitalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [Ready])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [Ready]);
        return services;
    }

    /// <summary><c>/health/live</c>: the process runs. <c>/health/ready</c>: storage and the cluster answer.</summary>
    public static IEndpointRouteBuilder MapHospitalHealth(this IEndpointRouteBuilder endpoints)
    {
        // Probes carry no identity: these two stay open (and reveal nothing but up or down).
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }

    private sealed class StorageHealthCheck(IHospitalStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await store.PingAsync(timeout.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("Storage does not answer.", e);
            }
        }
    }

    private sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await grains.GetGrain<IPingGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("The Orleans cluster does not answer.", e);
            }
        }
    }
}
