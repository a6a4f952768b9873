using Hl7.Fhir.Model;
using Hospital.Contracts.Billing.Claims;
using Claim = Hospital.Contracts.Billing.Claims.Claim;
using FhirClaim = Hl7.Fhir.Model.Claim;

namespace Hospital.Api.Fhir;

/// <summary>
/// A claim as FHIR Claim (institutional, use claim): the hospital as provider, the payer as insurer, the coverage by
/// its member id, one item per claim line with its charge code, and the claim's own status in an extension (FHIR's
/// status only says draft or active).
/// </summary>
public static class ClaimResource
{
    public const string ChargeCodeSystem = FhirSystems.Base + "/CodeSystem/charge-code";
    public const string StatusExtension = FhirSystems.Base + "/StructureDefinition/claim-status";
    public const string ProviderName = "OrleansHospital";

    public static FhirClaim From(Claim claim, Payer? payer) => new()
    {
        Id = claim.Id,
        Meta = new Meta { VersionId = claim.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Extension = [new Extension(StatusExtension, new Code(claim.Status.ToString()))],
        Identifier = [new Identifier(FhirSystems.Base + "/sid/claim", claim.Id)],
        Status = claim.Status == ClaimStatus.Draft ? FinancialResourceStatusCodes.Draft : FinancialResourceStatusCodes.Active,
        Type = FhirSystems.Concept("http://terminology.hl7.org/CodeSystem/claim-type", "institutional", "Institutional"),
        Use = ClaimUseCode.Claim,
        Patient = PatientResource.Reference(claim.Mrn),
        BillablePeriod = claim.ServiceFrom is { } from ? new Period(new FhirDateTime(from), claim.ServiceTo is { } to ? new FhirDateTime(to) : null) : null,
        Created = new FhirDateTime(claim.CreatedAt).ToString(),
        Provider = new ResourceReference { Type = "Organization", Display = ProviderName, Identifier = new Identifier(FhirSystems.Base + "/sid/organization", "hospital") },
        Insurer = new ResourceReference { Type = "Organization", Display = payer?.Name ?? claim.PayerId, Identifier = new Identifier(FhirSystems.Base + "/sid/payer", claim.PayerId) },
        Priority = FhirSystems.Concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal"),
        Insurance =
        [
            new FhirClaim.InsuranceComponent
            {
                Sequence = 1,
                Focal = true,
                Identifier = new Identifier(FhirSystems.Base + "/sid/claim-submission", $"{claim.Id}-{claim.Submission}"),
                Coverage = new ResourceReference
                {
                    Type = "Coverage",
                    Identifier = new Identifier(FhirSystems.Base + "/sid/member/" + claim.PayerId, claim.MemberId),
                    Display = $"{payer?.Name ?? claim.PayerId} {claim.Plan} (member {claim.MemberId})",
                },
            },
        ],
        Item = [.. claim.Lines.Select(line => new FhirClaim.ItemComponent
        {
            Sequence = line.Sequence,
            ProductOrService = FhirSystems.Concept(ChargeCodeSystem, line.Code, line.Description),
            Quantity = new Quantity { Value = line.Quantity },
            UnitPrice = Money(line.UnitPrice, claim.Currency),
            Net = Money(line.Amount, claim.Currency),
        })],
        Total = Money(claim.Total, claim.Currency),
    };

    private static Money Money(decimal amount, string currency) =>
        new() { Value = amount, Currency = Enum.Parse<Money.Currencies>(currency) };
}
