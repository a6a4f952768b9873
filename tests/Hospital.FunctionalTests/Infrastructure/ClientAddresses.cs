using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// The api in the test process, where a request's client address is the one it names in <see cref="Header"/> (the
/// test server has none of its own), with its own key directory and every log line kept in <see cref="Logs"/>.
/// </summary>
public sealed class ClientAddressFactory : HospitalFactory
{
    public const string Header = "X-Test-Client";

    private readonly List<Action<IServiceCollection>> _services = [];

    public ClientAddressFactory()
    {
        KeyDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hospital-keys-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        With("Hospital:KeyDirectory", KeyDirectory);
    }

    public string KeyDirectory { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>Replaces services after the api registered its own; call before the first client is created.</summary>
    public ClientAddressFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>A client with no credentials whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ClientAt(string address)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        builder.ConfigureLogging(l => l.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        builder.ConfigureTestServices(s => _services.ForEach(configure => configure(s)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(KeyDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Runs before every other middleware, so rate limits, sign-in and API keys all see the named address.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header].ToString() is { Length: > 0 } address)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
