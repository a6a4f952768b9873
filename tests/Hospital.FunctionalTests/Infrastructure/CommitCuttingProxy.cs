using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// A TCP proxy in front of PostgreSQL that, once armed, cuts the client's connection when it sends <c>COMMIT</c> and
/// hands the <c>COMMIT</c> to the server a moment later: the transaction lands, the client cannot know.
/// </summary>
public sealed class CommitCuttingProxy : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT\0");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private int _armed;

    public CommitCuttingProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many COMMITs were cut.</summary>
    public int Cuts { get; private set; }

    /// <summary>Cut the next COMMIT (once).</summary>
    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Relay(client);
        }
    }

    private async Task Relay(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            await server.ConnectAsync(_targetHost, _targetPort);
            var toClient = Pump(server.GetStream(), client.GetStream(), watch: false, client, server);
            var toServer = Pump(client.GetStream(), server.GetStream(), watch: true, client, server);
            await Task.WhenAny(toClient, toServer);
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, bool watch, TcpClient client, TcpClient server)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                if (watch && buffer.AsSpan(0, read).IndexOf(Commit) >= 0 && Interlocked.Exchange(ref _armed, 0) == 1)
                {
                    // The client loses its connection first and the server gets the COMMIT only a moment later, as when
                    // a busy server is slow to read it: whoever asks at once must not conclude that it never landed.
                    Cuts++;
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Close();
                    await Task.Delay(300);
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    await Task.Delay(500);
                    server.Close();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // One side went away.
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
