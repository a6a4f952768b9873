using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Billing.Reports;

/// <summary>Invoices and their numbers are grain state on the real storage: a restarted silo goes on from the last number.</summary>
public sealed class InvoiceRestartTests : IAsyncLifetime
{
    private PlatformHost _host = null!;

    public async Task InitializeAsync() => _host = await PlatformHost.StartAsync(PlatformHost.Sqlite());

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
}
