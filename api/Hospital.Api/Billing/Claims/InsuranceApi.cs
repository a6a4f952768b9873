namespace Hospital.Api.Billing.Claims;

/// <summary>Insurance: payers, patients' coverages and claims.</summary>
public static class InsuranceApi
{
    public static IEndpointRouteBuilder MapInsuranceApi(this IEndpointRouteBuilder app) =>
        app.MapPayersApi().MapCoverageApi().MapClaimsApi();
}
