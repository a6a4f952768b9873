using Hospital.FunctionalTests.Interop;
using static Hospital.FunctionalTests.Interop.Hl7Messages;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class InterfacesTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task TheInterfaceLogShowsWhatAFeedSentAndWhyAMessageWasRefused()
    {
        var mrn = "IF" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var (accepted, refused) = (Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString("N")[..12]);
        await using (var sender = await Hl7Sender.ConnectAsync(dashboard.Hl7Port))
        {
            Assert.Equal("AA", (await sender.SendAsync(Message("ADT^A04^ADT_A01", accepted, Evn(), Pid(mrn)))).Code());
            Assert.Equal("AE", (await sender.SendAsync(Message("ADT^A08^ADT_A01", refused, Evn(), Pid(mrn, birth: "19501301")))).Code());
        }

        await using var page = await dashboard.OpenAsync("/", asIntegration: true);
        await page.Page.GetByTestId("interfaces-link").ClickAsync();
        await page.Page.GetByTestId("hl7-mrn").FillAsync(mrn);
        await page.Page.GetByTestId("hl7-search").ClickAsync();

        var rows = page.Page.GetByTestId("hl7-message");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-ack", "AE");
        await Expect(rows.Nth(0)).ToContainTextAsync("month 13");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-ack", "AA");
        await Expect(page.Page.GetByTestId("hl7-summary")).ToContainTextAsync("2 messages, 1 refused");
        await rows.Nth(0).GetByTestId("hl7-open").ClickAsync();
        await Expect(page.Page.GetByTestId("hl7-raw").First).ToContainTextAsync("19501301");
        await Expect(page.Page.GetByTestId("hl7-ack").First).ToContainTextAsync($"MSA|AE|{refused}");
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TheLinkIsOfferedOnlyToThoseWhoMayReadTheLog()
    {
        await using var page = await dashboard.OpenAsync("/");
        await page.ExpectConnectedAsync();
        await Expect(page.Page.GetByTestId("interfaces-link")).ToBeHiddenAsync();
        page.AssertNoScriptErrors();
    }
}
