using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.Api.Billing.Reports;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Billing.Reports;

/// <summary>
/// Invoices and their numbers are grain state on the real storage (a restarted silo goes on from the last number), and
/// the reports page through the real ledger tables; on both engines.
/// </summary>
public abstract class InvoiceStorageTests : IAsyncLifetime
{
    private PlatformHost _host = null!;

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync() => _host = await PlatformHost.StartAsync(await SettingsAsync());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> ChargedAdmissionAsync()
    {
        var grains = _host.Grains;
        var ward = "INV" + Guid.NewGuid().ToString("N")[..6];
        await grains.GetGrain<IWardGrain>(ward).Create("Invoice ward", SexPolicy.Mixed);
        await grains.GetGrain<IWardGrain>(ward).AddBed(ward + "-1", "1", false);
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Mary", "Jones"), new DateOnly(1950, 1, 1), Sex.Female));
        var encounter = await grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, ward + "-1", false, null, null));
        await grains.GetGrain<IChargeMasterGrain>(0).Add(new ChargeItemSpec("ECG-12", "12-lead ECG", 31.50m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ChargeCategory.Procedure));
        var account = grains.GetGrain<IAccountGrain>(encounter.EncounterId);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await account.Get() is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await account.PostCharge(new ManualCharge("ECG-12", 1, null));
        return encounter.EncounterId;
    }

    private static string Json(Invoice? invoice) => System.Text.Json.JsonSerializer.Serialize(invoice);

    [Fact]
    public async Task NumbersGoOnFromTheLastAfterARestartAndIssuedInvoicesSurviveIt()
    {
        var encounterId = await ChargedAdmissionAsync();
        var first = await _host.Grains.GetGrain<IInvoiceRegisterGrain>(0).Issue(encounterId);
        var second = await _host.Grains.GetGrain<IInvoiceRegisterGrain>(0).Issue(encounterId);

        await _host.RestartAsync();

        var third = await _host.Grains.GetGrain<IInvoiceRegisterGrain>(0).Issue(encounterId);
        Assert.Equal(["INV-000001", "INV-000002", "INV-000003"], new[] { first, second, third }.Select(i => i.Number));
        Assert.Equal(Json(first), Json(await _host.Grains.GetGrain<IInvoiceGrain>(first.Number).Get()));
        Assert.Equal(31.50m, (await _host.Grains.GetGrain<IInvoiceGrain>(second.Number).Get())!.Total);
        var listed = await InvoiceIndex.For(_host.Grains, encounterId).Of(encounterId);
        Assert.Equal(["INV-000001", "INV-000002", "INV-000003"], listed.Select(i => i.Number));
    }

    [Fact]
    public async Task TheInvoiceGrainsThemselvesRefuseACallerWithoutBillingPermissions()
    {
        var encounterId = await ChargedAdmissionAsync();
        var number = (await _host.Grains.GetGrain<IInvoiceRegisterGrain>(0).Issue(encounterId)).Number;
        try
        {
            Actor.Set("a-nurse", ["Nurse"]);
            var read = await Assert.ThrowsAsync<HospitalException>(() => _host.Grains.GetGrain<IInvoiceGrain>(number).Get());
            var issue = await Assert.ThrowsAsync<HospitalException>(() => _host.Grains.GetGrain<IInvoiceRegisterGrain>(0).Issue(encounterId));
            Assert.Equal((HospitalErrorKind.Forbidden, HospitalErrorKind.Forbidden), (read.Kind, issue.Kind));
            Actor.Set("a-clerk", ["Billing"]);
            Assert.NotNull(await _host.Grains.GetGrain<IInvoiceGrain>(number).Get());
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task TheRevenueReportReadsEveryLedgerLineOncePageByPage()
    {
        // Eight bed-days at one midnight, then doses two by two at the same minute, so pages of ten end between lines of one instant.
        var midnight = new DateTimeOffset(2001, 7, 1, 23, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, 8).Select(i => BillingSamples.Line($"ledger-bed-{i:D2}", LedgerLineKind.Charge, 1m, midnight))
            .Concat(Enumerable.Range(0, 12).Select(i => BillingSamples.Line($"ledger-dose-{i:D2}", LedgerLineKind.Charge, 0.10m, midnight.AddMinutes(1 + i / 2))))
            .Append(BillingSamples.Line("ledger-credit", LedgerLineKind.Credit, -0.10m, midnight.AddMinutes(3)))
            .Append(BillingSamples.Line("ledger-payment", LedgerLineKind.Payment, 5m, midnight.AddMinutes(4)))
            .ToList();
        var ledger = _host.Services.GetRequiredService<IBillingLedger>();
        await ledger.ApplyAsync(new LedgerChange(BillingSamples.Ledger("E1", 0m, null), lines));
        var revenue = new Revenue(new DateOnly(2001, 7, 1), new DateOnly(2001, 7, 3), BillingSamples.London, "GBP");

        var truncated = await revenue.ReadAsync(ledger, pageSize: 10);

        var report = revenue.Report(truncated);
        Assert.False(truncated);
        Assert.Equal((21, 9.10m), (report.Lines, report.Total.Net));
        Assert.Equal([0m, 9.10m], report.Days.Select(d => d.Net));
    }
}

public sealed class InvoiceStorageOnSqliteTests : InvoiceStorageTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(PlatformHost.Sqlite());
}

public sealed class InvoiceStorageOnPostgresTests : InvoiceStorageTests
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
    };
}
