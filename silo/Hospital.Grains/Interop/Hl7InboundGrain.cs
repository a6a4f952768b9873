using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Interop;
using Hospital.Contracts.Security;
using Hospital.Grains.Changes;
using Hospital.Interop.Hl7;

namespace Hospital.Grains.Interop;

/// <summary>
/// One inbound HL7 message (key: sender and control id). The message is committed with a resume job before anything
/// is touched; it is applied under an operation id of its own, so the workflows it drives (admission, transfer,
/// results...) find on a resumed attempt the steps the first attempt made; its acknowledgement commits with its
/// interface-log row and the removal of the job. A repeat gets that acknowledgement again.
/// </summary>
public sealed class Hl7InboundGrain(
    [PersistentState("hl7-inbound", HospitalStorage.Name)] IPersistentState<Hl7InboundState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IHl7InboundGrain
{
    /// <summary>Times without an offset are UTC (the contract); the rest of the parse limits are the library's.</summary>
    public static readonly Hl7ParseOptions ParseOptions = new() { DefaultOffset = TimeSpan.Zero };

    private string Key => this.GetPrimaryKeyString();

    private string JobId => $"resume-hl7:{Key}";

    public async Task<string> Receive(Hl7Received message)
    {
        if (state.State.Ack is { } first)
        {
            return first;
        }

        if (state.State.Pending is null)
        {
            state.State = state.State with { Pending = message };
            await changes.CommitAsync(this, state, new Change
            {
                Schedule = [new ScheduledMessage(new ResumeHl7Inbound(Key) { MessageId = JobId }, GrainChanges.ResumeAfter)],
            });
        }

        return await Run();
    }

    public async Task Resume()
    {
        if (state.State is { Ack: null, Pending: not null })
        {
            await Run();
        }
    }

    private async Task<string> Run()
    {
        var received = state.State.Pending!;
        var (ack, record) = await Process(received);
        state.State = new Hl7InboundState { Ack = ack };
        await changes.CommitAsync(this, state, new Change { Done = [JobId], Hl7Message = record });
        return ack;
    }

    /// <summary>
    /// Parses and applies the message. A refusal (a parse failure, a rule of the feed, a workflow that says no) becomes
    /// an AE or AR; anything else (storage down, a timeout) leaves the message pending for its resume job.
    /// </summary>
    private async Task<(string Ack, Hl7MessageRecord Record)> Process(Hl7Received received)
    {
        var now = clock.GetUtcNow();
        var source = Hl7AckSource.FromRaw(received.Raw);
        string? mrn = null;
        var type = "";
        Hl7Message ack;
        try
        {
            var message = Hl7Message.Parse(received.Raw, ParseOptions);
            source = Hl7AckSource.From(message);
            var header = Hl7Header.Read(message);
            type = header.MessageType.ToString();
            mrn = TryMrn(message);
            RequestContext.Set(Operation.ContextKey, "hl7:" + Key);
            Actor.Set("hl7:" + header.SendingApplication, [Roles.Integration]);
            mrn = await new Hl7Feed(GrainFactory, now).Apply(message, header) ?? mrn;
            ack = Hl7Ack.Accept(source, Hl7Keys.NewAckControlId(), clock.GetUtcNow());
        }
        catch (Hl7ParseException failure)
        {
            ack = Hl7Ack.ForFailure(source, failure, Hl7Keys.NewAckControlId(), clock.GetUtcNow());
        }
        catch (Hl7Refusal refusal)
        {
            ack = Hl7Ack.Build(source, refusal.Ack, Hl7Keys.NewAckControlId(), clock.GetUtcNow(), refusal.Message,
                [new Hl7AckError(refusal.Code, refusal.Message, refusal.Location)]);
        }
        catch (HospitalException refused)
        {
            var errorCode = refused.Kind switch
            {
                HospitalErrorKind.NotFound => Hl7ErrorCode.UnknownKeyIdentifier,
                HospitalErrorKind.Invalid => Hl7ErrorCode.DataTypeError,
                _ => Hl7ErrorCode.ApplicationInternalError,
            };
            ack = Hl7Ack.Build(source, Hl7AckCode.AE, Hl7Keys.NewAckControlId(), clock.GetUtcNow(), refused.Message, [new Hl7AckError(errorCode, refused.Message)]);
        }
        finally
        {
            RequestContext.Remove(Operation.ContextKey);
        }

        var text = ack.Encode();
        var code = ack["MSA"]!.Value(1);
        var (sender, controlId) = SplitKey();
        var error = code == "AA" ? null : ack["MSA"]!.Value(3);
        return (text, new Hl7MessageRecord(sender, controlId, type, mrn, code, error, received.Raw, text, received.ReceivedAt, clock.GetUtcNow(), received.Peer));
    }

    private (string Sender, string ControlId) SplitKey()
    {
        var split = Key.LastIndexOf('\n');
        return (Key[..split], Key[(split + 1)..]);
    }

    /// <summary>The MRN the message is about, for the log, even when it is refused (no field is parsed but PID-3).</summary>
    private static string? TryMrn(Hl7Message message) =>
        message["PID"]?.Field(3).Repetitions.Select(Hl7Identifier.Read).FirstOrDefault(i => i.IsMedicalRecordNumber)?.Id is { Length: > 0 and <= 64 } mrn
            ? mrn
            : null;
}
