using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.Contracts.Billing;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hospital.FunctionalTests.Billing.Claims.InsuranceRequests;

namespace Hospital.FunctionalTests.Billing.Claims;

/// <summary>A claim through its whole lifecycle on the real api and SQLite, with the account's money checked to the cent.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class ClaimLifecycleTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private Task<HttpClient> As(string role) => TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, role);

    [Fact]
    public async Task AClaimIsRejectedResubmittedAcceptedAndPartlyPaidAndTheInsurerPaymentIsPostedOnce()
    {
        var billing = await As("Billing");
        var (mrn, encounterId, payerId, coverageId) = await InsuredAdmissionAsync(_admin);
        var xray = await PriceAsync(_admin, "Chest X-ray", 12.50m);
        var swab = await PriceAsync(_admin, "Swab", 3.33m);
        var scan = await PriceAsync(_admin, "CT scan", 240m);
        await ChargeAsync(billing, encounterId, xray, 2);
        var swabs = await ChargeAsync(billing, encounterId, swab, 3);
        var ct = await ChargeAsync(billing, encounterId, scan, 1);
        // One swab credited (nets to 2); the scan credited in full (left out of the claim).
        Assert.Equal(HttpStatusCode.Created, (await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/credits", new { chargeId = swabs, quantity = 1, reason = "not used" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/credits", new { chargeId = ct, reason = "cancelled" })).StatusCode);

        var draft = await CreateClaimAsync(billing, encounterId);
        var claimId = draft.GetProperty("id").GetString()!;
        Assert.Equal(("Draft", mrn, payerId, coverageId, "GBP", 0), (draft.Status(), draft.GetProperty("mrn").GetString(), draft.GetProperty("payerId").GetString(),
            draft.GetProperty("coverageId").GetString(), draft.GetProperty("currency").GetString(), draft.GetProperty("submission").GetInt32()));
        Assert.Equal([(1, xray, 2m, 12.50m, 25.00m), (2, swab, 2m, 3.33m, 6.66m)], Lines(draft));
        Assert.Equal(31.66m, draft.Money("total"));
        Assert.Equal(payerId, (await GetAsync(billing, $"/api/admissions/{encounterId}/account")).GetProperty("payerId").GetString());

        var submitted = await StepAsync(billing, claimId, "submit");
        Assert.Equal(("Submitted", 1), (submitted.Status(), submitted.GetProperty("submission").GetInt32()));
        var rejected = await StepAsync(billing, claimId, "reject", new { reason = "member id not recognised" });
        Assert.Equal("Rejected", rejected.Status());

        // The account changed since: the resubmission claims what it holds now.
        await ChargeAsync(billing, encounterId, xray, 1);
        var resubmitted = await StepAsync(billing, claimId, "resubmit", new { reason = "member id corrected" });
        Assert.Equal(("Submitted", 2), (resubmitted.Status(), resubmitted.GetProperty("submission").GetInt32()));
        Assert.Equal([(1, xray, 3m, 12.50m, 37.50m), (2, swab, 2m, 3.33m, 6.66m)], Lines(resubmitted));
        Assert.Equal(44.16m, resubmitted.Money("total"));
        Assert.Equal("Accepted", (await StepAsync(billing, claimId, "accept")).Status());

        // The remittance, retried with its Idempotency-Key, and once more without it: one payment.
        var remittance = new
        {
            reference = "ERA-" + claimId,
            lines = new object[]
            {
                new { line = 1, paid = 30.00m, adjusted = 5.00m, patientResponsibility = 2.50m },
                new { line = 2, paid = 6.66m, adjusted = 0m, patientResponsibility = 0m },
            },
        };
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(billing, $"/api/claims/{claimId}/remittance", remittance, key);
        var retried = await PostWithKeyAsync(billing, $"/api/claims/{claimId}/remittance", remittance, key);
        Assert.Equal(first.GetRawText(), retried.GetRawText());
        var again = await StepAsync(billing, claimId, "remittance", remittance);
        Assert.Equal(first.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        Assert.Equal(("PartiallyPaid", 36.66m), (first.Status(), first.Money("paid")));
        var posted = first.GetProperty("remittance");
        Assert.Equal((36.66m, 5.00m, 2.50m), (posted.Money("paid"), posted.Money("adjusted"), posted.Money("patientResponsibility")));

        // And the account's message delivered twice more at grain level (as the outbox sweeper would after a crash).
        var message = new AccountPaymentMessage(encounterId, new PaymentCommand(36.66m, PaymentMethod.Insurer, "ERA-" + claimId, claimId, payerId, $"{claimId}:remit:1"));
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        await message.DeliverAsync(grains);
        await message.DeliverAsync(grains);

        var account = await GetAsync(billing, $"/api/admissions/{encounterId}/account");
        Assert.Equal((44.16m, 36.66m, 7.50m), (account.Money("total"), account.Money("paid"), account.Money("balance")));
        var payment = Assert.Single(account.GetProperty("payments").EnumerateArray());
        Assert.Equal(("Insurer", 36.66m), (payment.GetProperty("method").GetString(), payment.Money("amount")));
        Assert.Contains("\"paid\":36.66", account.GetRawText());

        var claim = await GetAsync(billing, $"/api/claims/{claimId}");
        var history = claim.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["ClaimCreated", "ClaimSubmitted", "ClaimRejected", "ClaimResubmitted", "ClaimAccepted", "ClaimRemitted"],
            history.Select(h => h.GetProperty("event").GetString()));
        Assert.Equal(["Draft", "Submitted", "Rejected", "Submitted", "Accepted", "PartiallyPaid"], history.Select(h => h.GetProperty("to").GetString()));
        Assert.Equal("member id not recognised", history[2].GetProperty("reason").GetString());
        Assert.True(history[3].GetProperty("linesRebuilt").GetBoolean());
        Assert.All(history, h => Assert.StartsWith("u", h.GetProperty("by").GetString()));
        var journal = await GetAsync(_admin, $"/api/journal?entityId={claimId}");
        Assert.Equal(history.Select(h => h.GetProperty("event").GetString()).Order(), journal.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Order());

        Assert.Contains((await GetAsync(billing, $"/api/claims?status=PartiallyPaid&payerId={payerId}")).EnumerateArray(), c => c.GetProperty("id").GetString() == claimId);
        Assert.DoesNotContain((await GetAsync(billing, "/api/claims?status=Draft")).EnumerateArray(), c => c.GetProperty("id").GetString() == claimId);
        var listed = Assert.Single((await GetAsync(billing, $"/api/admissions/{encounterId}/claims")).EnumerateArray());
        Assert.Equal(("PartiallyPaid", 36.66m, 44.16m), (listed.Status(), listed.Money("paid"), listed.Money("total")));
    }

    [Fact]
    public async Task ARemittanceThatPaysEveryLineInFullMakesTheClaimPaidAndOneThatPaysNothingDeniesIt()
    {
        var (_, paidEncounter, _, _) = await InsuredAdmissionAsync(_admin);
        var (_, deniedEncounter, _, _) = await InsuredAdmissionAsync(_admin);
        var code = await PriceAsync(_admin, "Consultation", 99.99m);
        var ids = new List<string>();
        foreach (var encounterId in new[] { paidEncounter, deniedEncounter })
        {
            await ChargeAsync(_admin, encounterId, code, 1);
            var claimId = (await CreateClaimAsync(_admin, encounterId)).GetProperty("id").GetString()!;
            await StepAsync(_admin, claimId, "submit");
            await StepAsync(_admin, claimId, "accept");
            ids.Add(claimId);
        }

        var paid = await StepAsync(_admin, ids[0], "remittance", new { reference = "ERA-1", lines = new[] { new { line = 1, paid = 99.99m } } });
        var denied = await StepAsync(_admin, ids[1], "remittance", new { reference = "ERA-2", lines = new[] { new { line = 1, paid = 0m, adjusted = 99.99m } } });

        Assert.Equal(("Paid", 99.99m), (paid.Status(), paid.Money("paid")));
        Assert.Equal(("Denied", 0m), (denied.Status(), denied.Money("paid")));
        Assert.Equal(0m, (await GetAsync(_admin, $"/api/admissions/{paidEncounter}/account")).Money("balance"));
        var unpaid = await GetAsync(_admin, $"/api/admissions/{deniedEncounter}/account");
        Assert.Equal((0, 99.99m), (unpaid.GetProperty("payments").GetArrayLength(), unpaid.Money("balance")));
    }

    private static List<(int, string, decimal, decimal, decimal)> Lines(JsonElement claim) =>
        [.. claim.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sequence").GetInt32(), l.GetProperty("code").GetString()!,
            l.Money("quantity"), l.Money("unitPrice"), l.Money("amount")))];

    private static async Task<JsonElement> PostWithKeyAsync(HttpClient client, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
