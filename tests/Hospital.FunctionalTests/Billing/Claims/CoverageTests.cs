using System.Net;
using System.Net.Http.Json;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Errors;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hospital.FunctionalTests.Billing.Claims.InsuranceRequests;

namespace Hospital.FunctionalTests.Billing.Claims;

/// <summary>A patient's coverages through the api: one active coverage per priority and day, the primary one billed.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class CoverageApiTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task TwoActiveCoveragesOfOnePriorityClashUntilOneIsEndedAndTheLowestPriorityIsPrimary()
    {
        var (mrn, encounterId, primaryPayer, primary) = await InsuredAdmissionAsync(_admin);
        var secondaryPayer = await PayerAsync(_admin, "State Scheme", "Government");
        var clash = await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage", new { payerId = secondaryPayer, memberId = "S1", plan = "Basic", priority = 1 });
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Contains(primary, (await clash.ReadJsonAsync()).GetProperty("detail").GetString());
        var secondary = await CoverageAsync(_admin, mrn, secondaryPayer, priority: 2);

        var list = await GetAsync(_admin, $"/api/patients/{mrn}/coverage");
        Assert.Equal([primary, secondary], list.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(("Active", 1, mrn), (list[0].GetProperty("status").GetString(), list[0].GetProperty("priority").GetInt32(), list[0].GetProperty("mrn").GetString()));

        // A claim under the secondary coverage is that payer's; the account is still billed to the primary payer.
        await ChargeAsync(_admin, encounterId, await PriceAsync(_admin, "Physio", 45m), 1);
        var claim = await CreateClaimAsync(_admin, encounterId, secondary);
        Assert.Equal((secondaryPayer, secondary), (claim.GetProperty("payerId").GetString(), claim.GetProperty("coverageId").GetString()));
        Assert.Equal(primaryPayer, (await GetAsync(_admin, $"/api/admissions/{encounterId}/account")).GetProperty("payerId").GetString());
        var primaryClaim = await CreateClaimAsync(_admin, encounterId);
        Assert.Equal(primary, primaryClaim.GetProperty("coverageId").GetString());
        Assert.Equal(2, (await GetAsync(_admin, $"/api/admissions/{encounterId}/claims")).GetArrayLength());

        var ended = await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage/{primary}/end", new { reason = "policy lapsed" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var endedCoverage = await ended.ReadJsonAsync();
        Assert.Equal(("Ended", "policy lapsed"), (endedCoverage.GetProperty("status").GetString(), endedCoverage.GetProperty("endReason").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/coverage/{primary}/end", new { reason = "again" })).StatusCode);
        await CoverageAsync(_admin, mrn, secondaryPayer, priority: 1, validFrom: DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"));
        Assert.Equal(3, (await GetAsync(_admin, $"/api/patients/{mrn}/coverage")).GetArrayLength());
        var journal = await GetAsync(_admin, $"/api/journal?entityId={primary}");
        Assert.Equal(["CoverageAdded", "CoverageEnded"], journal.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Order());
    }

    [Fact]
    public async Task APayerIsRegisteredOnceAndListedByName()
    {
        var id = NewId("PAY");
        var body = new { id, name = "Zeta Mutual", kind = "Insurer" };
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/payers", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/payers", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync("/api/payers", body with { name = "Other" })).StatusCode);
        var selfPay = NewId("PAY");
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/payers", new { id = selfPay, name = "Aardvark Self-pay", kind = "SelfPay" })).StatusCode);

        var payer = await GetAsync(_admin, $"/api/payers/{id}");
        Assert.Equal(("Zeta Mutual", "Insurer"), (payer.GetProperty("name").GetString(), payer.GetProperty("kind").GetString()));
        var names = (await GetAsync(_admin, "/api/payers")).EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
        Assert.Contains("Aardvark Self-pay", names);
    }
}

/// <summary>Coverage dates on hospital time (a fake clock) with the real platform: which coverage covers which day.</summary>
public sealed class CoverageDatesTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await PlatformHost.StartAsync(PlatformHost.Sqlite(), s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnEndedCoverageStillCoversTheDaysBeforeItsEndAndDatedCoveragesOfOnePriorityMayFollowEachOther()
    {
        var payers = _host.Grains.GetGrain<IPayerRegistryGrain>(0);
        await payers.Add(new PayerSpec("ACME", "Acme", PayerKind.Insurer, null));
        await payers.Add(new PayerSpec("STATE", "State", PayerKind.Government, null));
        var coverage = _host.Grains.GetGrain<ICoverageGrain>("MRN-DATES");
        var admittedAt = _clock.GetUtcNow();
        // The hospital's days are London days (Hospital:TimeZone).
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(admittedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var acme = await coverage.Add(new CoverageSpec("ACME", "A1", "Gold", 1, null, today.AddDays(60)));
        var later = await coverage.Add(new CoverageSpec("STATE", "S1", "Basic", 1, today.AddYears(2), null));
        var clash = await Assert.ThrowsAsync<HospitalException>(() => coverage.Add(new CoverageSpec("STATE", "S2", "Basic", 1, today.AddDays(-10), today.AddDays(10))));
        Assert.Equal(HospitalErrorKind.Conflict, clash.Kind);

        _clock.Advance(TimeSpan.FromDays(30));
        await coverage.End(acme.Id, "moved abroad");
        var ended = (await coverage.List()).Single(c => c.Id == acme.Id);
        Assert.Equal(today.AddDays(30), ended.LastDay);

        // Care given while it was in force is still claimed under it; care after its end is not.
        Assert.Equal(acme.Id, (await coverage.Choose(null, admittedAt)).Coverage.Id);
        Assert.Equal(HospitalErrorKind.Conflict, (await Assert.ThrowsAsync<HospitalException>(() => coverage.Choose(null, admittedAt.AddDays(31)))).Kind);
        Assert.Equal(HospitalErrorKind.Conflict, (await Assert.ThrowsAsync<HospitalException>(() => coverage.Choose(acme.Id, admittedAt.AddDays(31)))).Kind);
        Assert.Equal(later.Id, (await coverage.Choose(null, admittedAt.AddYears(2).AddDays(1))).Coverage.Id);
        Assert.Equal(HospitalErrorKind.NotFound, (await Assert.ThrowsAsync<HospitalException>(() => coverage.Choose("COVNOPE", admittedAt))).Kind);
        await _host.RestartAsync();
        Assert.Equal(2, (await _host.Grains.GetGrain<ICoverageGrain>("MRN-DATES").List()).Count);
    }
}
