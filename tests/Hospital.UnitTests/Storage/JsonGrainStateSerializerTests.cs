using System.Text;
using Hospital.Contracts.Patients;
using Hospital.Storage.Serialization;

namespace Hospital.UnitTests.Storage;

public sealed class JsonGrainStateSerializerTests
{
    private readonly JsonGrainStateSerializer _serializer = new();

    private static readonly PatientState State = new()
    {
        Patient = new Patient("H00000018", new PersonName("Ann", "Lee"), new DateOnly(1950, 2, 3), Sex.Female, null, null,
            DateTimeOffset.Parse("2026-01-02T03:04:05Z"), DateTimeOffset.Parse("2026-01-02T03:04:05Z"), 1),
    };

    [Fact]
    public void StateSurvivesARoundTrip()
    {
        var back = _serializer.Deserialize<PatientState>(_serializer.Serialize(State));

        Assert.Equal(State, back);
    }

    [Fact]
    public void StoredStateNamesNoDotNetTypeSoRenamingAClassKeepsItReadable()
    {
        var json = Encoding.UTF8.GetString(_serializer.Serialize(State).ToArray());

        Assert.DoesNotContain("Hospital.", json);
        Assert.DoesNotContain("$type", json);
        Assert.Contains("\"family\":\"Lee\"", json);
    }

    [Fact]
    public void StoredStateReadsIntoAClassOfAnotherNameWithTheSameShape()
    {
        var bytes = _serializer.Serialize(State);

        var renamed = _serializer.Deserialize<RenamedPatientState>(bytes);

        Assert.Equal("H00000018", renamed.Patient?.Mrn);
    }

    private sealed record RenamedPatientState
    {
        public RenamedPatient? Patient { get; init; }
    }

    private sealed record RenamedPatient(string Mrn, PersonName Name);
}
