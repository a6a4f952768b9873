// The SDK model is nullable throughout; a null where a test reads a value fails the test as it should.
#nullable disable warnings

using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hospital.Api.Fhir;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>REST and FHIR read the same grains: the same patient, bed, encounter and vitals say the same thing through both.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class FhirRestEqualityTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task APatientTheirBedTheirEncounterAndTheirVitalsReadTheSameThroughRestAndFhir()
    {
        var (wardId, beds) = await Requests.WardAsync(_client);
        var mrn = await Requests.RegisterAsync(_client, Requests.Patient("Émile", "Durand", "1944-12-31", "male"));
        var first = await Requests.AdmitAsync(_client, mrn, beds[0]);
        (await _client.PostAsJsonAsync($"/api/admissions/{first}/transfer", new { bedId = beds[1] })).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync($"/api/patients/{mrn}/vitals", FhirObservationTests.Vitals(pulse: 101))).EnsureSuccessStatusCode();

        var restPatient = await (await _client.GetAsync($"/api/patients/{mrn}")).ReadJsonAsync();
        var restBed = await (await _client.GetAsync($"/api/beds/{beds[1]}")).ReadJsonAsync();
        var restEncounter = await (await _client.GetAsync($"/api/admissions/{first}")).ReadJsonAsync();
        var restVitals = (await (await _client.GetAsync($"/api/patients/{mrn}/vitals")).ReadJsonAsync()).EnumerateArray().Single();
        var patient = await _client.GetFhirAsync<Patient>($"/fhir/Patient/{mrn}");
        var bed = await _client.GetFhirAsync<Location>($"/fhir/Location/{beds[1]}");
        var encounter = await _client.GetFhirAsync<Encounter>($"/fhir/Encounter/{first}");
        var observations = (await _client.GetFhirAsync<Bundle>($"/fhir/Observation?patient={mrn}")).Resources<Observation>().ToList();

        Assert.Equal(
            (restPatient.GetProperty("mrn").GetString(), restPatient.GetProperty("name").GetProperty("given").GetString(),
                restPatient.GetProperty("name").GetProperty("family").GetString(), restPatient.GetProperty("birthDate").GetString(),
                restPatient.GetProperty("sex").GetString(), restPatient.GetProperty("version").GetInt64().ToString()),
            (patient.Id, patient.Name[0].Given.Single(), patient.Name[0].Family, patient.BirthDate, patient.Gender?.ToString().ToLowerInvariant(), patient.Meta.VersionId));

        Assert.Equal(
            (restBed.GetProperty("id").GetString(), "Location/" + restBed.GetProperty("wardId").GetString(), restBed.GetProperty("status").GetString(),
                "Room " + restBed.GetProperty("room").GetString(), restBed.GetProperty("version").GetInt64().ToString()),
            (bed.Id, bed.PartOf.Reference, bed.GetExtensionValue<Code>(FhirSystems.BedStatusExtension).Value, bed.Description, bed.Meta.VersionId));
        Assert.Equal("Location/" + wardId, bed.PartOf.Reference);

        Assert.Equal(restEncounter.GetProperty("mrn").GetString(), encounter.Subject.Reference["Patient/".Length..]);
        Assert.Equal(restEncounter.GetProperty("admittedAt").GetDateTimeOffset(), encounter.Period.StartElement.ToDateTimeOffset(TimeSpan.Zero));
        Assert.Equal(
            restEncounter.GetProperty("locations").EnumerateArray().Select(l => (
                "Location/" + l.GetProperty("bedId").GetString(), l.GetProperty("from").GetDateTimeOffset(),
                l.TryGetProperty("to", out var to) && to.ValueKind != System.Text.Json.JsonValueKind.Null ? to.GetDateTimeOffset() : (DateTimeOffset?)null)),
            encounter.Location.Select(l => (l.Location.Reference, l.Period.StartElement.ToDateTimeOffset(TimeSpan.Zero), l.Period.EndElement?.ToDateTimeOffset(TimeSpan.Zero))));

        Assert.Equal(
            (restVitals.GetProperty("pulse").GetDecimal(), restVitals.GetProperty("respiratoryRate").GetDecimal(), restVitals.GetProperty("spo2").GetDecimal(),
                restVitals.GetProperty("temperature").GetDecimal(), restVitals.GetProperty("takenAt").GetDateTimeOffset()),
            (Value(observations, "8867-4"), Value(observations, "9279-1"), Value(observations, "2708-6"), Value(observations, "8310-5"),
                ((FhirDateTime)observations[0].Effective).ToDateTimeOffset(TimeSpan.Zero)));
    }

    private static decimal? Value(IEnumerable<Observation> observations, string loinc) =>
        ((Quantity)observations.Single(o => o.Code.Coding.Any(c => c.Code == loinc)).Value).Value;
}
