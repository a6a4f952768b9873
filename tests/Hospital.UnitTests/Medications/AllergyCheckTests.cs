using Hospital.Contracts.Medications;
using static Hospital.UnitTests.Medications.Ordering;

namespace Hospital.UnitTests.Medications;

public sealed class AllergyCheckTests
{
    [Fact]
    public void APenicillinAllergyContraindicatesAmoxicillin()
    {
        var warning = Single(Check("amoxicillin", 500, allergies: ["penicillin"]), WarningKind.Allergy);
        Assert.Equal(WarningSeverity.contraindicated, warning.Severity);
        Assert.Equal("penicillin", warning.With);
    }

    [Fact]
    public void AnAllergyToOnePenicillinIsAnAllergyToAllOfThem() =>
        Assert.Equal(WarningSeverity.contraindicated, Single(Check("flucloxacillin", 500, allergies: ["Amoxicillin"]), WarningKind.Allergy).Severity);

    [Fact]
    public void ASulfaAllergyContraindicatesCoTrimoxazole() =>
        Assert.Equal(WarningSeverity.contraindicated, Single(Check("co-trimoxazole", 960, allergies: ["sulfa"]), WarningKind.Allergy).Severity);

    [Fact]
    public void AnAmoxicillinAllergyContraindicatesCoAmoxiclavThroughItsIngredient()
    {
        var warning = Single(Check("co-amoxiclav", 625, allergies: ["amoxicillin"]), WarningKind.Allergy);
        Assert.Equal(WarningSeverity.contraindicated, warning.Severity);
        Assert.Contains("contains amoxicillin", warning.Message);
    }

    [Fact]
    public void AnIngredientThatIsNotADrugIsMatchedByName() =>
        Assert.Equal(WarningSeverity.contraindicated, Single(Check("povidone-iodine", allergies: ["Iodine"]), WarningKind.Allergy).Severity);

    [Fact]
    public void ACodeineAllergyContraindicatesCoCodamol() =>
        Assert.Equal(WarningSeverity.contraindicated, Single(Check("co-codamol", 2, "tablet", allergies: ["codeine"]), WarningKind.Allergy).Severity);

    [Fact]
    public void AnAspirinAllergyContraindicatesOtherNsaids() =>
        Assert.Equal(WarningSeverity.contraindicated, Single(Check("ibuprofen", 400, allergies: ["aspirin"]), WarningKind.Allergy).Severity);

    [Fact]
    public void APenicillinAllergyWarnsOfCrossReactivityWithCefalexin()
    {
        var warning = Single(Check("cefalexin", 500, allergies: ["penicillins"]), WarningKind.Allergy);
        Assert.Equal(WarningSeverity.moderate, warning.Severity);
        Assert.Contains("cross-reactivity", warning.Message);
    }

    [Fact]
    public void APenicillinAllergyWarnsOfCrossReactivityWithCarbapenems() =>
        Assert.Equal(WarningSeverity.moderate, Single(Check("meropenem", 1, "g", "iv", allergies: ["penicillin"]), WarningKind.Allergy).Severity);

    [Fact]
    public void ASulfaAllergyOnlyNotesTheWeakLinkToFurosemide() =>
        Assert.Equal(WarningSeverity.minor, Single(Check("furosemide", 40, allergies: ["sulfonamides"]), WarningKind.Allergy).Severity);

    [Fact]
    public void AnUnrelatedAllergyGivesNoWarning() =>
        Assert.DoesNotContain(Check("paracetamol", 1, "g", allergies: ["penicillin", "latex"]), w => w.Kind == WarningKind.Allergy);

    [Fact]
    public void NoRecordedAllergyStatusWarnsThatAllergiesAreNotRecorded()
    {
        var warning = Single(Check("paracetamol", 1, "g", allergiesRecorded: false), WarningKind.Allergy);
        Assert.Equal(WarningSeverity.minor, warning.Severity);
        Assert.Equal("allergies not recorded", warning.Message);
        Assert.Null(warning.With);
    }

    [Fact]
    public void NoKnownAllergiesGiveNoAllergyWarning() =>
        Assert.DoesNotContain(Check("amoxicillin", 500, allergies: []), w => w.Kind == WarningKind.Allergy);
}
