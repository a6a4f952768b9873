using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class AdtReaderTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    [Fact]
    public void TheHeaderOfAnAdmissionIsRead()
    {
        var header = Hl7Header.Read(Hl7Message.Parse(Hl7Samples.AdmitA01));

        Assert.Equal(("EPIC", "GENHOSP", "ORLEANS", "HOSPITAL"),
            (header.SendingApplication, header.SendingFacility, header.ReceivingApplication, header.ReceivingFacility));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 14, 30, 0, Cet), header.CreatedAt);
        Assert.Equal(new Hl7MessageType("ADT", "A01", "ADT_A01"), header.MessageType);
        Assert.Equal(("MSG00001", "P", "2.5.1"), (header.ControlId, header.ProcessingId, header.Version));
    }

    [Fact]
    public void ThePatientIsThePid3RepetitionTypedMr()
    {
        var pid = Hl7PatientIdentification.From(Hl7Message.Parse(Hl7Samples.AdmitA01))!;

        Assert.Equal(3, pid.Identifiers.Count);
        Assert.Equal(new Hl7Identifier("H00000018", "GENHOSP", "MR"), pid.MedicalRecordNumber);
    }

    [Fact]
    public void APatientWithoutAnMrIdentifierHasNoMedicalRecordNumber()
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "PID|1||123^^^NHS^NH~456^^^LAB^PI||Doe^Jane"));

        Assert.Null(Hl7PatientIdentification.From(message)!.MedicalRecordNumber);
    }

    [Fact]
    public void TheNameIsTheFirstPid5RepetitionsSurnameAndGivenName()
    {
        var pid = Hl7PatientIdentification.From(Hl7Message.Parse(Hl7Samples.AdmitA01))!;

        Assert.Equal(new Hl7PersonName("Smith", "John"), pid.Name);
    }

    [Fact]
    public void TheBirthDateIsTheCalendarDateWritten()
    {
        var pid = Hl7PatientIdentification.From(Hl7Message.Parse(Hl7Samples.UpdateA08))!;

        Assert.Equal(new DateOnly(1975, 12, 31), pid.BirthDate);
        Assert.Equal(new Hl7PersonName("O'Brien", "Mary Ann"), pid.Name);
    }

    [Theory]
    [InlineData("F", AdministrativeSex.Female)]
    [InlineData("M", AdministrativeSex.Male)]
    [InlineData("O", AdministrativeSex.Other)]
    [InlineData("A", AdministrativeSex.Other)]
    [InlineData("N", AdministrativeSex.Other)]
    [InlineData("U", AdministrativeSex.Unknown)]
    [InlineData("", AdministrativeSex.Unknown)]
    [InlineData("f", AdministrativeSex.Female)]
    public void Pid8SexCodesMapToAdministrativeSex(string code, AdministrativeSex expected)
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, $"PID|1||H1^^^X^MR||Doe^Jane||19800101|{code}"));

        Assert.Equal(expected, Hl7PatientIdentification.From(message)!.Sex);
    }

    [Fact]
    public void AnUnknownSexCodeIsATableError()
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "PID|1||H1^^^X^MR||Doe^Jane||19800101|Q"));

        var failure = Assert.Throws<Hl7ParseException>(() => Hl7PatientIdentification.From(message));

        Assert.Equal(Hl7ErrorCode.TableValueNotFound, failure.ErrorCode);
        Assert.Equal("PID-8", failure.Location?.ToString());
    }

    [Fact]
    public void SexWordsAreThePlatformsLowerCaseCodes() =>
        Assert.Equal(["female", "male", "other", "unknown"], Enum.GetValues<AdministrativeSex>().Select(s => s.Code()));

    [Fact]
    public void AnAdmissionNamesItsBedAndVisit()
    {
        var visit = Hl7PatientVisit.From(Hl7Message.Parse(Hl7Samples.AdmitA01))!;

        Assert.Equal("I", visit.PatientClass);
        Assert.Equal(new Hl7PersonLocation("4WEST", "401", "B"), visit.AssignedLocation);
        Assert.Null(visit.PriorLocation);
        Assert.Equal(new Hl7Identifier("V000123", "GENHOSP", "VN"), visit.VisitNumber);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 14, 25, 0, Cet), visit.AdmittedAt);
        Assert.Null(visit.DischargedAt);
    }

    [Fact]
    public void ATransferNamesTheBedItMovesFromAndTo()
    {
        var visit = Hl7PatientVisit.From(Hl7Message.Parse(Hl7Samples.TransferA02))!;

        Assert.Equal(new Hl7PersonLocation("5EAST", "512", "A"), visit.AssignedLocation);
        Assert.Equal(new Hl7PersonLocation("4WEST", "401", "B"), visit.PriorLocation);
    }

    [Fact]
    public void ADischargeCarriesItsTime()
    {
        var message = Hl7Message.Parse(Hl7Samples.DischargeA03);

        Assert.Equal(new DateTimeOffset(2025, 3, 5, 10, 15, 0, Cet), Hl7PatientVisit.From(message)!.DischargedAt);
        Assert.Equal("2.5", Hl7Header.Read(message).Version);
    }

    [Fact]
    public void AnUpdateWithAnExplicitNullDischargeHasNone()
    {
        var message = Hl7Message.Parse(Hl7Samples.UpdateA08);

        Assert.Equal("\"\"", message.Value("PV1-45"));
        Assert.Null(Hl7PatientVisit.From(message)!.DischargedAt);
    }

    [Fact]
    public void DateTimesWithoutAnOffsetTakeTheConfiguredOne()
    {
        var message = Hl7Message.Parse(Hl7Samples.UpdateA08, new Hl7ParseOptions { DefaultOffset = TimeSpan.FromHours(-5) });

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.FromHours(-5)), Hl7Header.Read(message).CreatedAt);
        Assert.Equal("T", Hl7Header.Read(message).ProcessingId);
    }

    [Fact]
    public void TheEventSaysWhenItWasRecordedAndWhenItHappened()
    {
        var evn = Hl7Event.From(Hl7Message.Parse(Hl7Samples.AdmitA01))!;

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 14, 29, 55, Cet), evn.RecordedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 14, 25, 0, Cet), evn.OccurredAt);
        Assert.Equal(evn.OccurredAt, evn.EffectiveAt);
    }

    [Fact]
    public void AnEventWithoutAnOccurrenceTimeTookPlaceWhenRecorded()
    {
        var evn = Hl7Event.From(Hl7Message.Parse(Hl7Samples.TransferA02))!;

        Assert.Null(evn.OccurredAt);
        Assert.Equal(evn.RecordedAt, evn.EffectiveAt);
    }

    [Fact]
    public void AMergeNamesThePatientsPriorIdentifiers()
    {
        var message = Hl7Message.Parse(Hl7Samples.MergeA40);

        var merge = Hl7Merge.From(message)!;

        Assert.Equal("A40", Hl7Header.Read(message).MessageType.Trigger);
        Assert.Equal(2, merge.PriorIdentifiers.Count);
        Assert.Equal("H00000026", merge.PriorMedicalRecordNumber?.Id);
        Assert.Equal("H00000018", Hl7PatientIdentification.From(message)!.MedicalRecordNumber?.Id);
    }

    [Fact]
    public void AMessageWithoutASegmentHasNoReaderForIt()
    {
        var message = Hl7Message.Parse(Hl7Samples.MergeA40);

        Assert.Null(Hl7PatientVisit.From(message));
        Assert.Null(message["PV1"]);
    }

    [Fact]
    public void AReaderGivenTheWrongSegmentIsTheCallersMistake() =>
        Assert.Throws<ArgumentException>(() => Hl7PatientVisit.Read(Hl7Message.Parse(Hl7Samples.AdmitA01)["PID"]!));
}
