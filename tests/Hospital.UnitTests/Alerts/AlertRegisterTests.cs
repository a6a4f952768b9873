using Hospital.Contracts.Alerts;
using Hospital.Contracts.Journal;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Alerts;

/// <summary>The register applies each message once and in the order of its sender's versions, whatever the delivery.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertRegisterTests(ClusterFixture fixture)
{
    private readonly IAlertsGrain _register = fixture.Grains.GetGrain<IAlertsGrain>(0);

    private static AlertCondition Condition(string subject, AlertSeverity severity = AlertSeverity.Warning) =>
        new("LowStock", severity, "W1", subject, $"{subject} is low.");

    private async Task<IReadOnlyList<Alert>> Active(string subject) =>
        (await _register.Query(new AlertQuery(Subject: subject))).Where(a => a.Status != AlertStatus.Resolved).ToList();

    [Fact]
    public async Task AMessageDeliveredTwiceOpensOneAlertAndJournalsItOnce()
    {
        var subject = "BIN-" + Guid.NewGuid().ToString("N")[..8];
        var message = new AlertChangesMessage(1, [Condition(subject)], []);

        await message.DeliverAsync(fixture.Grains);
        await message.DeliverAsync(fixture.Grains);

        var alert = Assert.Single(await Active(subject));
        Assert.Single(await fixture.Journal.QueryAsync(new JournalQuery(EntityId: alert.Id)));
    }

    [Fact]
    public async Task ARaiseDeliveredAfterTheLaterResolveOfTheSameSenderChangesNothing()
    {
        var subject = "BIN-" + Guid.NewGuid().ToString("N")[..8];
        var condition = Condition(subject);

        await new AlertChangesMessage(2, [], [condition.Key]).DeliverAsync(fixture.Grains);
        await new AlertChangesMessage(1, [condition], []).DeliverAsync(fixture.Grains);

        Assert.Empty(await Active(subject));
    }

    [Fact]
    public async Task AHigherSeverityOfAnActiveConditionChangesTheOneAlert()
    {
        var subject = "BIN-" + Guid.NewGuid().ToString("N")[..8];

        await new AlertChangesMessage(1, [Condition(subject)], []).DeliverAsync(fixture.Grains);
        await new AlertChangesMessage(2, [Condition(subject, AlertSeverity.Critical)], []).DeliverAsync(fixture.Grains);

        var alert = Assert.Single(await Active(subject));
        Assert.Equal((AlertSeverity.Critical, 2L), (alert.Severity, alert.Version));
    }
}
