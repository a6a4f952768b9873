using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Interop;

/// <summary>The api on a real SQLite file with its MLLP listener on a free port.</summary>
public class Hl7Fixture : HospitalFactory
{
    public Hl7Fixture()
    {
        Port = PostgresServer.FreePort();
        With("Hospital:Hl7:MllpPort", Port.ToString());
    }

    public int Port { get; }

    /// <summary>A sender connected once the api (and its listener) has started.</summary>
    public async Task<Hl7Sender> SenderAsync()
    {
        _ = Services;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Hl7Sender.ConnectAsync(Port);
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
