using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Playwright;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>An open dashboard tab: what the tests look for, by data-testid, and screenshots as test artifacts.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    public static readonly string ScreenshotDirectory = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "screenshots");

    private readonly List<string> _scriptErrors = [];

    public DashboardPage(IPage page)
    {
        Page = page;
        page.PageError += (_, error) =>
        {
            lock (_scriptErrors)
            {
                _scriptErrors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    public ILocator Connection => Page.GetByTestId("connection");

    public ILocator Bed(string bedId) => Page.GetByTestId($"bed-{bedId}");

    public ILocator BedStatus(string bedId) => Bed(bedId).GetByTestId("bed-status");

    public ILocator BedNews2(string bedId) => Bed(bedId).GetByTestId("bed-news2");

    /// <summary>Opens the bed's actions (the occupant in the cell is a link to the chart instead).</summary>
    public Task OpenBedAsync(string bedId) => Bed(bedId).GetByTestId("open-bed").ClickAsync();

    public Task ExpectConnectedAsync() =>
        Assertions.Expect(Connection).ToHaveTextAsync("Connected", new() { Timeout = 15_000 });

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>No uncaught exception in the page's scripts.</summary>
    public void AssertNoScriptErrors()
    {
        lock (_scriptErrors)
        {
            Assert.Empty(_scriptErrors);
        }
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
