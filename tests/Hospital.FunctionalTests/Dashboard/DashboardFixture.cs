using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Playwright;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>
/// One api process and one headless Chromium (Debian's, never a downloaded one) for all dashboard tests. The tests set
/// up through the api as the bootstrap admin; the browser is signed in as a charge nurse who also manages beds (a
/// clinical role, so names show on the chart, with every permission the dashboard uses).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _token = "";
    private string _physicianToken = "";
    private string _integrationToken = "";

    /// <summary>The api, on an address and data directory that stay the same across restarts.</summary>
    public HospitalProcess Server { get; private set; } = null!;

    /// <summary>Signed in as the bootstrap admin.</summary>
    public HttpClient Api { get; private set; } = null!;

    public string Username { get; } = "nurse-" + Guid.NewGuid().ToString("N")[..8];

    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N");

    /// <summary>The api's HL7 MLLP port.</summary>
    public int Hl7Port { get; } = PostgresServer.FreePort();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} not found: apt-get install chromium (.ci/run does).");
        }

        var browser = LaunchBrowserAsync();
        Server = await HospitalProcess.StartApiAsync(new Dictionary<string, string>
        {
            ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:ClusterId"] = "dash-" + Guid.NewGuid().ToString("N")[..8],
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            // A dose falls overdue a minute after it is due (the shortest window allowed), checked every second.
            ["Hospital:Medications:OverdueAfter"] = "00:01:00",
            ["Hospital:Medications:CheckPeriod"] = "00:00:01",
            ["Hospital:Hl7:MllpPort"] = Hl7Port.ToString(),
        });
        Api = await Server.AdminClientAsync();
        var user = await Api.PostAsJsonAsync("/api/admin/users", new { username = Username, password = Password, roles = new[] { "ChargeNurse", "BedManager" } });
        user.EnsureSuccessStatusCode();
        var physician = await Api.PostAsJsonAsync("/api/admin/users", new { username = "dr-" + Username, password = Password, roles = new[] { "Physician" } });
        physician.EnsureSuccessStatusCode();
        var integration = await Api.PostAsJsonAsync("/api/admin/users", new { username = "if-" + Username, password = Password, roles = new[] { "Integration" } });
        integration.EnsureSuccessStatusCode();
        using (var anonymous = Server.CreateClient())
        {
            _token = await TestAuth.TokenAsync(anonymous, Username, Password);
            _physicianToken = await TestAuth.TokenAsync(anonymous, "dr-" + Username, Password);
            _integrationToken = await TestAuth.TokenAsync(anonymous, "if-" + Username, Password);
        }

        _browser = await browser;
    }

    /// <summary>
    /// A fresh page (own storage) on the dashboard, signed in unless asked not to be (the token is where the sign-in
    /// form leaves it); uncaught script errors fail the test that owns it.
    /// </summary>
    /// <param name="asPhysician">Signed in as a physician (who orders, but does not record doses) instead.</param>
    /// <param name="asIntegration">Signed in as an interface analyst (Integration: reads the HL7 interface log) instead.</param>
    public Task<DashboardPage> OpenAsync(string path = "/", bool signedIn = true, bool asPhysician = false, bool asIntegration = false) =>
        OpenWithTokenAsync(path, signedIn ? asIntegration ? _integrationToken : asPhysician ? _physicianToken : _token : null);

    /// <summary>A fresh page signed in with <paramref name="token"/> (a user a test made with the roles it needs), or not signed in.</summary>
    public async Task<DashboardPage> OpenWithTokenAsync(string path, string? token)
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, BaseURL = Server.BaseUrl, AcceptDownloads = true });
        if (token is not null)
        {
            var saved = JsonSerializer.Serialize(JsonSerializer.Serialize(new { accessToken = token, expiresAt = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds() }));
            await context.AddInitScriptAsync($"sessionStorage.setItem('hospital.token', {saved});");
        }

        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(page);
        await page.GotoAsync(path);
        return dashboard;
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
