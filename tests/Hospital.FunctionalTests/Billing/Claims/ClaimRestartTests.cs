using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Billing.Claims;

/// <summary>Claims at grain level on the real SQLite platform: state, register and payment survive a restart, and a redelivered payment is posted once.</summary>
public sealed class ClaimRestartTests : IAsyncLifetime
{
    private PlatformHost _host = null!;

    public async Task InitializeAsync() => _host = await PlatformHost.StartAsync(PlatformHost.Sqlite());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IGrainFactory Grains => _host.Grains;

    [Fact]
    public async Task APartlyPaidClaimItsRegisterRowAndItsOnePaymentSurviveARestartAndRedelivery()
    {
        var ward = "WR" + Guid.NewGuid().ToString("N")[..6];
        await Grains.GetGrain<IWardGrain>(ward).Create("Ward " + ward, SexPolicy.Mixed);
        await Grains.GetGrain<IWardGrain>(ward).AddBed(ward + "-1", "1", false);
        var mrn = await Grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await Grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Grace", "Hopper"), new DateOnly(1956, 12, 9), Sex.Female));
        var encounter = await Grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, ward + "-1", false, null, null));
        await Grains.GetGrain<IChargeMasterGrain>(0).Add(new ChargeItemSpec("MRI-HEAD", "MRI head", 333.33m, DateTimeOffset.UtcNow.AddDays(-1), ChargeCategory.Procedure));
        var account = Grains.GetGrain<IAccountGrain>(encounter.EncounterId);
        await account.PostCharge(new ManualCharge("MRI-HEAD", 3, null));
        await Grains.GetGrain<IPayerRegistryGrain>(0).Add(new PayerSpec("NHS-X", "NHS England", PayerKind.Government, null));
        var coverage = await Grains.GetGrain<ICoverageGrain>(mrn).Add(new CoverageSpec("NHS-X", "943 476 5919", "Standard", 1, null, null));

        var claimId = ClaimIds.For(encounter.EncounterId, coverage.Id);
        var claimGrain = Grains.GetGrain<IClaimGrain>(claimId);
        await claimGrain.Create(new ClaimOpening(encounter.EncounterId, coverage.Id));
        await claimGrain.Submit();
        await claimGrain.Accept();
        var remitted = await claimGrain.Remit(new RemittanceSpec("ERA-77", [new RemittanceLine(1, 900.00m, 99.99m, 0.00m)]));
        var payment = new AccountPaymentMessage(encounter.EncounterId, new PaymentCommand(900.00m, PaymentMethod.Insurer, "ERA-77", claimId, "NHS-X", $"{claimId}:remit:1"));
        await payment.DeliverAsync(Grains);

        await _host.RestartAsync();

        var claim = (await Grains.GetGrain<IClaimGrain>(claimId).Get())!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(remitted), System.Text.Json.JsonSerializer.Serialize(claim));
        Assert.Equal((ClaimStatus.PartiallyPaid, 999.99m, 900.00m), (claim.Status, claim.Total, claim.Paid));
        Assert.Equal(["system"], claim.History.Select(h => h.By).Distinct());
        var listed = Assert.Single(await Grains.GetGrain<IClaimRegisterGrain>(0).Query(new ClaimQuery(EncounterId: encounter.EncounterId)));
        Assert.Equal((ClaimStatus.PartiallyPaid, claim.Version), (listed.Status, listed.Version));
        Assert.Equal("NHS England", (await Grains.GetGrain<IPayerRegistryGrain>(0).Get("NHS-X"))!.Name);
        Assert.Equal(coverage, Assert.Single(await Grains.GetGrain<ICoverageGrain>(mrn).List()));

        await payment.DeliverAsync(Grains);
        var after = (await Grains.GetGrain<IAccountGrain>(encounter.EncounterId).Get())!;
        Assert.Equal((999.99m, 900.00m, 99.99m, "NHS-X"), (after.Total, after.Paid, after.Balance, after.PayerId));
        var posted = Assert.Single(after.Payments);
        Assert.Equal(($"{claimId}:remit:1", PaymentMethod.Insurer, claimId), (posted.Id, posted.Method, posted.ClaimId));
    }
}
