using System.Net;
using System.Net.Sockets;
using Hospital.Contracts.Interop;
using Hospital.Interop.Hl7;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Mllp;

/// <summary>
/// The MLLP listener: one task per connection, each reading one frame at a time and answering it before the next
/// (original acknowledgement mode), so a slow or silent sender holds only its own connection. A message with a sender
/// and control id goes to its inbound grain, which applies it and answers once that is durable; what cannot reach a
/// grain (no header, no control id, too large, cut short, not MLLP at all) is refused here with an AR and logged.
/// </summary>
public sealed partial class MllpListener(
    IOptions<Hl7Options> options,
    IGrainFactory grains,
    IHl7MessageLog log,
    TimeProvider clock,
    ILogger<MllpListener> logger) : BackgroundService
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConnections, options.Value.MaxConnections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.MllpPort == 0)
        {
            return;
        }

        TcpListener listener;
        try
        {
            listener = Start(settings.MllpPort);
        }
        catch (SocketException e)
        {
            // The REST API stays up; the operator sees why no feed can connect.
            LogCannotListen(settings.MllpPort, e.Message);
            return;
        }

        LogListening(settings.MllpPort);
        using var stop = stoppingToken.Register(listener.Stop);
        var connections = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(e.Message);
                continue;
            }

            if (!_slots.Wait(0))
            {
                LogTooManyConnections(settings.MaxConnections, client.Client.RemoteEndPoint?.ToString() ?? "?");
                client.Dispose();
                continue;
            }

            connections.RemoveAll(t => t.IsCompleted);
            connections.Add(Task.Run(() => ServeAsync(client, stoppingToken), CancellationToken.None));
        }

        await Task.WhenAll(connections);
    }

    /// <summary>Every address, IPv4 and IPv6; IPv4 only where the host has no IPv6 (some containers).</summary>
    private static TcpListener Start(int port)
    {
        if (Socket.OSSupportsIPv6)
        {
            var dual = new TcpListener(IPAddress.IPv6Any, port);
            try
            {
                dual.Server.DualMode = true;
                dual.Start();
                return dual;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable)
            {
                dual.Dispose();
            }
        }

        var v4 = new TcpListener(IPAddress.Any, port);
        v4.Start();
        return v4;
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        var peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new MllpReader(stream, new MllpReaderOptions { MaxFrameBytes = options.Value.MaxMessageBytes });
                while (!stoppingToken.IsCancellationRequested)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    idle.CancelAfter(options.Value.IdleTimeout);
                    if (await reader.ReadAsync(idle.Token) is not { } frame)
                    {
                        return;
                    }

                    if (await AnswerAsync(frame, peer) is not { } ack)
                    {
                        // Not applied and not refused (storage or the cluster failed): no answer, so the sender sends
                        // it again; its resume job finishes whatever it began.
                        return;
                    }

                    await MllpWriter.WriteAsync(stream, ack, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogIdle(peer);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The sender hung up or the host is stopping.
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The acknowledgement for a frame, or null when the message could not be processed now.</summary>
    private async Task<string?> AnswerAsync(MllpFrame frame, string peer)
    {
        var receivedAt = clock.GetUtcNow();
        if (frame.Kind != MllpFrameKind.Message)
        {
            var source = Hl7AckSource.FromRaw(frame.Payload.Span);
            var (code, text) = frame.Kind switch
            {
                MllpFrameKind.Oversized => (Hl7ErrorCode.ApplicationInternalError, $"The message is {frame.Length} bytes; at most {options.Value.MaxMessageBytes} are taken."),
                MllpFrameKind.Truncated => (Hl7ErrorCode.SegmentSequenceError, "The message was cut short: a new start block (VT) came before its end block (FS)."),
                _ => (Hl7ErrorCode.SegmentSequenceError, $"{frame.Length} bytes outside an MLLP block (VT ... FS CR) were skipped."),
            };
            return await RefuseAsync(source, Hl7Charset.DecodeLeniently(frame.Payload.Span), receivedAt, peer, Hl7Ack.Build(source, Hl7AckCode.AR, Hl7Keys.NewAckControlId(),
                clock.GetUtcNow(), text, [new Hl7AckError(code, text)]));
        }

        string raw;
        try
        {
            raw = Hl7Charset.Decode(frame.Payload.Span);
        }
        catch (Hl7ParseException failure)
        {
            var source = Hl7AckSource.FromRaw(frame.Payload.Span);
            return await RefuseAsync(source, Hl7Charset.DecodeLeniently(frame.Payload.Span), receivedAt, peer, Hl7Ack.ForFailure(source, failure, Hl7Keys.NewAckControlId(), clock.GetUtcNow()));
        }

        var header = Hl7AckSource.FromRaw(raw);
        var (application, facility, controlId) = (header.SendingApplication.Value, header.SendingFacility.Value, header.ControlId);
        if (controlId.Length == 0 || controlId.Length > Hl7Keys.MaxPartLength || application.Length > Hl7Keys.MaxPartLength || facility.Length > Hl7Keys.MaxPartLength)
        {
            var failure = Refusal(raw, controlId.Length == 0
                ? "MSH-10 (message control id) is required: without it the message cannot be acknowledged or recognised when sent again."
                : $"MSH-3, MSH-4 and MSH-10 are at most {Hl7Keys.MaxPartLength} characters each.");
            return await RefuseAsync(header, raw, receivedAt, peer, Hl7Ack.ForFailure(header, failure, Hl7Keys.NewAckControlId(), clock.GetUtcNow()));
        }

        try
        {
            return await grains.GetGrain<IHl7InboundGrain>(Hl7Keys.For(Hl7Keys.Sender(application, facility), controlId))
                .Receive(new Hl7Received(raw, receivedAt, peer));
        }
        catch (Exception e)
        {
            LogNotProcessed(e, controlId, peer);
            return null;
        }
    }

    /// <summary>Why the message as a whole is refused: its own parse failure if it has one, else <paramref name="reason"/>.</summary>
    private static Hl7ParseException Refusal(string raw, string reason)
    {
        try
        {
            Hl7Message.Parse(raw, Hl7ParseOptions.Default);
        }
        catch (Hl7ParseException failure) when (failure.AckCode == Hl7AckCode.AR)
        {
            return failure;
        }

        return new Hl7ParseException(Hl7ParseFailure.RequiredFieldMissing, reason, new Hl7ErrorLocation("MSH", 1, 10));
    }

    private async Task<string?> RefuseAsync(Hl7AckSource source, string raw, DateTimeOffset receivedAt, string peer, Hl7Message ack)
    {
        var text = ack.Encode();
        var record = new Hl7MessageRecord(Hl7Keys.Sender(Cut(source.SendingApplication.Value), Cut(source.SendingFacility.Value)), Cut(source.ControlId), "",
            null, ack["MSA"]!.Value(1), ack["MSA"]!.Value(3), raw, text, receivedAt, clock.GetUtcNow(), peer);
        try
        {
            await log.AppendAsync(record);
        }
        catch (Exception e)
        {
            // A refusal changes nothing; it is still answered when the log cannot take it.
            LogNotLogged(e, peer);
        }

        LogRefused(peer, record.AckCode, record.Error ?? "");
        return text;
    }

    private static string Cut(string text) => text.Length <= Hl7Keys.MaxPartLength ? text : text[..Hl7Keys.MaxPartLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "HL7 MLLP listener on port {Port}")]
    private partial void LogListening(int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "HL7 MLLP listener cannot listen on port {Port}: {Reason}. No HL7 feed can connect until it is restarted.")]
    private partial void LogCannotListen(int port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HL7 MLLP accept failed: {Reason}")]
    private partial void LogAcceptFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HL7 MLLP: {Max} connections already; closed the one from {Peer}")]
    private partial void LogTooManyConnections(int max, string peer);

    [LoggerMessage(Level = LogLevel.Information, Message = "HL7 MLLP connection from {Peer} closed after being idle")]
    private partial void LogIdle(string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HL7 message from {Peer} refused ({AckCode}): {Reason}")]
    private partial void LogRefused(string peer, string ackCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "HL7 message {ControlId} from {Peer} could not be processed now; no acknowledgement sent, the sender will send it again")]
    private partial void LogNotProcessed(Exception e, string controlId, string peer);

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused HL7 message from {Peer} could not be written to the interface log")]
    private partial void LogNotLogged(Exception e, string peer);
}
