using Hospital.Contracts.Changes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hospital.Grains.Changes;

public static class ChangeRegistration
{
    /// <summary>What grains need to commit changes; the outbox sweeper is added where an outbox store exists.</summary>
    public static IServiceCollection AddHospitalChanges(this IServiceCollection services, bool sweepOutbox)
    {
        services.TryAddSingleton<ChangeStage>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxDelivery>();
        services.TryAddSingleton<GrainChanges>();
        if (sweepOutbox)
        {
            services.AddHostedService<OutboxSweeper>();
        }

        return services;
    }
}
