using Hl7.Fhir.Model;
using Xunit.Sdk;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>The validator the FHIR tests rely on does reject invalid resources (so their passing means something).</summary>
public sealed class FhirValidatorTests
{
    [Fact]
    public void AnObservationWithoutStatusOrCodeIsRejected()
    {
        var observation = new Observation { Subject = new ResourceReference("Patient/M1") };

        var failure = Assert.Throws<TrueException>(() => FhirValidation.AssertValid(observation));

        Assert.Contains("not valid FHIR R4", failure.Message);
    }
}
