// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using Hl7.Fhir.Model;
using Hospital.FunctionalTests.Fhir;
using Hospital.FunctionalTests.Infrastructure;
using static Hospital.FunctionalTests.Billing.Claims.InsuranceRequests;
using Task = System.Threading.Tasks.Task;

namespace Hospital.FunctionalTests.Billing.Claims;

/// <summary>A claim exported as a FHIR R4 Claim that the Firely validator accepts offline.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirClaimTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task ASubmittedClaimIsAValidInstitutionalFhirClaimWithItsItemsCoverageAndTotal()
    {
        var (mrn, encounterId, payerId, _) = await InsuredAdmissionAsync(_admin);
        var bedDay = await PriceAsync(_admin, "Bed-day, general ward", 412.50m);
        var swab = await PriceAsync(_admin, "Swab", 0.35m);
        await ChargeAsync(_admin, encounterId, bedDay, 2);
        await ChargeAsync(_admin, encounterId, swab, 7);
        var claimId = (await CreateClaimAsync(_admin, encounterId)).GetProperty("id").GetString();
        await StepAsync(_admin, claimId, "submit");

        var claim = await _admin.GetFhirAsync<Claim>($"/api/claims/{claimId}/fhir");
        var read = await _admin.GetFhirAsync<Claim>($"/fhir/Claim/{claimId}");

        FhirValidation.AssertValid(claim);
        Assert.True(claim.IsExactly(read));
        Assert.Equal(claimId, claim.Id);
        Assert.Equal(FinancialResourceStatusCodes.Active, claim.Status);
        Assert.Equal("Submitted", ((Code)claim.GetExtension(Hospital.Api.Fhir.ClaimResource.StatusExtension).Value).Value);
        Assert.Equal(("institutional", ClaimUseCode.Claim), (claim.Type.Coding[0].Code, claim.Use));
        Assert.Equal($"Patient/{mrn}", claim.Patient.Reference);
        Assert.Equal("Organization", claim.Provider.Type);
        Assert.Equal("normal", claim.Priority.Coding[0].Code);
        var insurance = Assert.Single(claim.Insurance);
        Assert.Equal((1, true, $"M-1-{mrn}"), (insurance.Sequence, insurance.Focal, insurance.Coverage.Identifier.Value));
        Assert.Equal("Acme Health", claim.Insurer.Display);
        Assert.Equal(payerId, claim.Insurer.Identifier.Value);
        Assert.Equal([(1, bedDay, 2m, 412.50m, 825.00m), (2, swab, 7m, 0.35m, 2.45m)],
            claim.Item.Select(i => (i.Sequence.Value, i.ProductOrService.Coding[0].Code, i.Quantity.Value.Value, i.UnitPrice.Value.Value, i.Net.Value.Value)));
        Assert.All(claim.Item, i => Assert.Equal(Money.Currencies.GBP, i.Net.Currency));
        Assert.Equal((827.45m, Money.Currencies.GBP), (claim.Total.Value, claim.Total.Currency));
        Assert.NotNull(claim.BillablePeriod.Start);

        var search = await _admin.GetFhirAsync<Bundle>($"/fhir/Claim?patient=Patient/{mrn}");
        FhirValidation.AssertValid(search);
        Assert.Equal(claimId, Assert.Single(search.Resources<Claim>()).Id);
        Assert.Empty((await _admin.GetFhirAsync<Bundle>($"/fhir/Claim?patient={mrn}&status=draft")).Entry);
        await _admin.GetOutcomeAsync("/fhir/Claim/CLMNOPE", System.Net.HttpStatusCode.NotFound);
        var metadata = await _admin.GetFhirAsync<CapabilityStatement>("/fhir/metadata");
        Assert.Contains(metadata.Rest[0].Resource, r => r.Type == "Claim");
    }

    [Fact]
    public async Task ADraftClaimIsAValidDraftFhirClaim()
    {
        var (_, encounterId, _, _) = await InsuredAdmissionAsync(_admin);
        await ChargeAsync(_admin, encounterId, await PriceAsync(_admin, "Consultation", 150m), 1);
        var claimId = (await CreateClaimAsync(_admin, encounterId)).GetProperty("id").GetString();

        var claim = await _admin.GetFhirAsync<Claim>($"/fhir/Claim/{claimId}");

        FhirValidation.AssertValid(claim);
        Assert.Equal(FinancialResourceStatusCodes.Draft, claim.Status);
        Assert.Equal(150m, claim.Total.Value);
    }
}
