using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Playwright;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>One api process and one headless Chromium (Debian's, never a downloaded one) for all dashboard tests.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public DashboardServer Server { get; } = new();

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} not found: apt-get install chromium (.ci/run does).");
        }

        var browser = LaunchBrowserAsync();
        await Server.StartAsync();
        _browser = await browser;
        Api = Server.CreateClient();
    }

    /// <summary>A fresh page (own storage) on the dashboard; uncaught script errors fail the test that owns it.</summary>
    public async Task<DashboardPage> OpenAsync(string path = "/")
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, BaseURL = Server.BaseUrl });
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
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
