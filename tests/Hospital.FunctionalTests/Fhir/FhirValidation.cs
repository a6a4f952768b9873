using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>
/// The Firely validator over the R4 core specification (the zip shipped in Hl7.Fhir.Specification.Data.R4, so it
/// runs offline). One instance, used under a lock: the validator and its caches are not thread-safe.
/// </summary>
public static class FhirValidation
{
    private static readonly Lock Gate = new();

    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, LocalTerminologyService.CreateDefaultForCore(source));
    });

    /// <summary>Asserts the resource (and, for a Bundle, every entry) has no validation error.</summary>
    public static void AssertValid(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = Shared.Value.Validate(resource);
        }

        var errors = outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
        Assert.True(errors.Count == 0, $"{resource.TypeName}/{resource.Id} is not valid FHIR R4:\n{string.Join("\n", errors)}");
    }
}
