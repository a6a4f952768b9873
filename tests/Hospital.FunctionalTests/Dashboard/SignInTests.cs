using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task WithoutATokenTheDashboardAsksToSignInShowsARefusalAndThenTheBoard()
    {
        var wardId = await WardSetup.WardAsync(dashboard.Api, beds: 1);
        await using var page = await dashboard.OpenAsync($"/#/wards/{wardId}", signedIn: false);
        var login = page.Page.GetByTestId("login");
        await Expect(login).ToBeVisibleAsync();

        await login.Locator("#login-user").FillAsync(dashboard.Username);
        await login.Locator("#login-password").FillAsync("not the password");
        await login.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Page.GetByTestId("login-error")).ToContainTextAsync("Sign-in failed");
        await login.Locator("#login-password").FillAsync(dashboard.Password);
        await login.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.BedStatus(WardSetup.BedId(wardId, 1))).ToHaveTextAsync("Available");
        await page.ExpectConnectedAsync();
        await Expect(page.Page.Locator("#sign-out")).ToBeVisibleAsync();
        page.AssertNoScriptErrors();
    }
}
