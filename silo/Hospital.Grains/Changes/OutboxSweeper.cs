using Hospital.Contracts.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospital.Grains.Changes;

/// <summary>
/// Delivers the outbox rows nobody else did: messages whose sender died between its commit and their delivery, and
/// jobs that fall due (an interrupted workflow's resume). Runs in every silo; rows are claimed with a lease, so two
/// sweepers do not deliver the same row at once, and a row whose delivery fails is tried again when its lease lapses.
/// </summary>
public sealed partial class OutboxSweeper(
    IOutboxStore store, GrainChanges changes, OutboxDelivery delivery, IGrainFactory grains, ILogger<OutboxSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until the first sweep succeeds, this process has just started: whatever was sent before it started, and every
        // workflow's resume job, belongs to a process that is gone (or, in a cluster, is delivered twice and recognised),
        // so it is taken at once rather than after the sender's grace.
        var lookAhead = GrainChanges.SenderGrace + TimeSpan.FromSeconds(5);
        await UntilGrainsAnswer(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, stoppingToken);
                IReadOnlyList<OutboxRow> rows;
                do
                {
                    rows = await store.ClaimDueAsync(Lease, Batch, lookAhead, stoppingToken);
                    await Task.WhenAll(rows.Select(DeliverAsync));
                }
                while (rows.Count == Batch && !stoppingToken.IsCancellationRequested);
                lookAhead = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(e);
            }
        }
    }

    /// <summary>Waits for the silo to take grain calls, so the first sweep's deliveries are not refused.</summary>
    private async Task UntilGrainsAnswer(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<Hospital.Contracts.Common.IPingGrain>(0).Ping();
                return;
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(250, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(OutboxRow row)
    {
        OutboxMessage message;
        try
        {
            message = changes.Read(row);
        }
        catch (Exception e)
        {
            // A row this version cannot read stays (a newer silo may); it is retried when its lease lapses.
            LogUnreadable(e, row.Id);
            return;
        }

        await delivery.DeliverAsync([message]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep failed; trying again shortly")]
    private partial void LogSweepFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} cannot be read by this version")]
    private partial void LogUnreadable(Exception e, string id);
}
