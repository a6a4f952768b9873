using System.Net.Sockets;
using Hospital.Interop.Hl7;

namespace Hospital.FunctionalTests.Interop;

/// <summary>A sending system on a real TCP connection: writes MLLP frames and reads the acknowledgement of each.</summary>
public sealed class Hl7Sender : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MllpReader _reader;

    private Hl7Sender(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new MllpReader(_stream);
    }

    public static async Task<Hl7Sender> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new Hl7Sender(client);
    }

    /// <summary>Sends one message and returns its acknowledgement.</summary>
    public async Task<Hl7Message> SendAsync(string message)
    {
        await MllpWriter.WriteAsync(_stream, message);
        return await ReadAckAsync();
    }

    /// <summary>Writes bytes as they are (garbage, a frame without its end).</summary>
    public async Task WriteRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public async Task<Hl7Message> ReadAckAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var frame = await _reader.ReadAsync(timeout.Token) ?? throw new InvalidOperationException("The server closed the connection without an acknowledgement.");
        Assert.Equal(MllpFrameKind.Message, frame.Kind);
        return Hl7Message.Parse(frame.Payload.Span);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}

/// <summary>HL7 v2.5.1 messages as a registration system and a laboratory send them.</summary>
public static class Hl7Messages
{
    public static string Message(string type, string controlId, params string[] segments) =>
        $"MSH|^~\\&|REG|GENHOSP|ORLEANS|GENHOSP|20261204010000||{type}|{controlId}|P|2.5.1\r" + string.Concat(segments.Select(s => s + "\r"));

    /// <summary>EVN with EVN-2 (recorded) and optionally EVN-6 (occurred).</summary>
    public static string Evn(string recorded = "20261204010000", string occurred = "") => $"EVN||{recorded}||||{occurred}";

    public static string Pid(string mrn, string family = "Lee", string given = "Ann", string birth = "19500203", string sex = "F") =>
        $"PID|1||{mrn}^^^GENHOSP^MR~99{mrn}^^^NHS^NH||{family}^{given}||{birth}|{sex}";

    /// <summary>PV1 with PV1-3 = the bed <c>ward-bed</c> as <c>ward^room^bed</c>, and PV1-6 the prior location.</summary>
    public static string Pv1(string? bedId = null, string? priorBedId = null) => $"PV1|1|I|{Location(bedId)}|||{Location(priorBedId)}";

    public static string Location(string? bedId)
    {
        if (bedId is null)
        {
            return "";
        }

        var split = bedId.LastIndexOf('-');
        return $"{bedId[..split]}^R1^{bedId[(split + 1)..]}";
    }

    public static string Code(this Hl7Message ack) => ack.Value("MSA-1");

    /// <summary>ERR-2 as segment^sequence^field.</summary>
    public static string ErrorLocation(this Hl7Message ack) => $"{ack.Value("ERR-2.1")}^{ack.Value("ERR-2.2")}^{ack.Value("ERR-2.3")}";
}
