using System.Threading.Channels;
using Hospital.Contracts.Changes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospital.Grains.Changes;

/// <summary>
/// Delivers outbox messages in order and forgets the rows of those delivered (deletions are batched: a row whose
/// deletion is lost to a crash is delivered once more, which its receiver recognises). A failed delivery is logged and
/// left to the sweeper: the sender's change has committed, so its caller is not told otherwise.
/// </summary>
public sealed partial class OutboxDelivery(IGrainFactory grains, IServiceProvider services, ILogger<OutboxDelivery> logger)
{
    private readonly IOutboxStore? _store = services.GetService<IOutboxStore>();
    private readonly Channel<string> _delivered = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _forgetting;

    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            if (await TryDeliverAsync(message))
            {
                Forget(message.MessageId);
            }
        }
    }

    /// <summary>Delivers one message; false (logged) when the receiver failed, so the row stays for the sweeper.</summary>
    private async Task<bool> TryDeliverAsync(OutboxMessage message)
    {
        try
        {
            await message.DeliverAsync(grains);
            return true;
        }
        catch (Exception e)
        {
            LogDeliveryFailed(e, message.GetType().Name, message.MessageId);
            return false;
        }
    }

    private void Forget(string messageId)
    {
        if (_store is null)
        {
            return;
        }

        lock (_start)
        {
            _forgetting ??= Task.Run(ForgetLoop);
        }

        _delivered.Writer.TryWrite(messageId);
    }

    private async Task ForgetLoop()
    {
        var ids = new List<string>();
        while (await _delivered.Reader.WaitToReadAsync())
        {
            // Let deliveries of the next few milliseconds join this batch.
            await Task.Delay(50);
            while (ids.Count < 1000 && _delivered.Reader.TryRead(out var id))
            {
                ids.Add(id);
            }

            try
            {
                await _store!.DeleteAsync(ids);
            }
            catch (Exception e)
            {
                LogForgetFailed(e, ids.Count);
            }

            ids.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Kind} {MessageId} failed; the outbox sweeper will retry it")]
    private partial void LogDeliveryFailed(Exception e, string kind, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing {Count} delivered outbox rows failed; they will be delivered again and recognised")]
    private partial void LogForgetFailed(Exception e, int count);
}
