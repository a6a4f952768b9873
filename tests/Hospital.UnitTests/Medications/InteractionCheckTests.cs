using Hospital.Contracts.Medications;
using static Hospital.UnitTests.Medications.Ordering;

namespace Hospital.UnitTests.Medications;

public sealed class InteractionCheckTests
{
    [Theory]
    [InlineData("ibuprofen", "warfarin", WarningSeverity.major)]
    [InlineData("aspirin", "warfarin", WarningSeverity.major)]
    [InlineData("amiodarone", "warfarin", WarningSeverity.major)]
    [InlineData("fluconazole", "warfarin", WarningSeverity.major)]
    [InlineData("metronidazole", "warfarin", WarningSeverity.major)]
    [InlineData("clarithromycin", "simvastatin", WarningSeverity.contraindicated)]
    [InlineData("sildenafil", "isosorbide mononitrate", WarningSeverity.contraindicated)]
    [InlineData("GTN", "tadalafil", WarningSeverity.contraindicated)]
    [InlineData("sertraline", "phenelzine", WarningSeverity.contraindicated)]
    [InlineData("linezolid", "citalopram", WarningSeverity.contraindicated)]
    [InlineData("pethidine", "moclobemide", WarningSeverity.contraindicated)]
    [InlineData("tramadol", "selegiline", WarningSeverity.contraindicated)]
    [InlineData("trimethoprim", "methotrexate", WarningSeverity.major)]
    [InlineData("co-trimoxazole", "methotrexate", WarningSeverity.major)]
    [InlineData("spironolactone", "ramipril", WarningSeverity.major)]
    [InlineData("omeprazole", "clopidogrel", WarningSeverity.moderate)]
    [InlineData("amiodarone", "digoxin", WarningSeverity.major)]
    [InlineData("naproxen", "lithium", WarningSeverity.major)]
    [InlineData("lisinopril", "lithium", WarningSeverity.major)]
    [InlineData("haloperidol", "citalopram", WarningSeverity.major)]
    [InlineData("lorazepam", "morphine", WarningSeverity.major)]
    [InlineData("tramadol", "sertraline", WarningSeverity.major)]
    [InlineData("azathioprine", "allopurinol", WarningSeverity.major)]
    public void KnownPairsInteractAtTheirSeverity(string ordered, string active, WarningSeverity severity)
    {
        var warning = Single(Check(ordered, active: [active]), WarningKind.Interaction);
        Assert.Equal(severity, warning.Severity);
        Assert.Equal(Drug(active).Name, warning.With);
    }

    [Fact]
    public void AnInteractionIsFoundWhicheverDrugIsOrderedFirst() =>
        Assert.Equal(WarningSeverity.major, Single(Check("warfarin", 5, active: ["ibuprofen"]), WarningKind.Interaction).Severity);

    [Fact]
    public void AnInteractionMessageGivesItsMechanismAndSource()
    {
        var warning = Single(Check("simvastatin", 40, active: ["clarithromycin"]), WarningKind.Interaction);
        Assert.Contains("CYP3A4", warning.Message);
        Assert.Contains("SmPC", warning.Message);
    }

    [Fact]
    public void DrugsThatDoNotInteractGiveNoWarning() =>
        Assert.Empty(Check("paracetamol", 1, "g", active: ["amoxicillin", "omeprazole"]));

    [Fact]
    public void AnActiveOrderForAnUnknownDrugIsSkipped() =>
        Assert.Empty(Check("paracetamol", 1, "g", active: ["not-a-drug"]));

    [Fact]
    public void TwoNsaidsAreDuplicateTherapy()
    {
        var warning = Single(Check("ibuprofen", 400, active: ["naproxen"]), WarningKind.Duplicate);
        Assert.Equal(WarningSeverity.moderate, warning.Severity);
        Assert.Equal("naproxen", warning.With);
    }

    [Fact]
    public void TwoAnticoagulantsAreMajorDuplicateTherapy() =>
        Assert.Equal(WarningSeverity.major, Single(Check("apixaban", 5, active: ["enoxaparin"]), WarningKind.Duplicate).Severity);

    [Fact]
    public void AnAceInhibitorWithAnArbIsDuplicateRaasBlockade() =>
        Assert.Equal(WarningSeverity.major, Single(Check("ramipril", 5, active: ["losartan"]), WarningKind.Duplicate).Severity);

    [Fact]
    public void ACombinationDuplicatesItsIngredient()
    {
        var warning = Single(Check("co-codamol", 2, "tablet", active: ["paracetamol"]), WarningKind.Duplicate);
        Assert.Contains("paracetamol", warning.Message);
    }

    [Fact]
    public void ASecondOrderOfTheSameDrugIsADuplicateNotAnInteraction()
    {
        var warnings = Check("citalopram", 20, active: ["citalopram"]);
        Assert.DoesNotContain(warnings, w => w.Kind == WarningKind.Interaction);
        Assert.Single(warnings, w => w.Kind == WarningKind.Duplicate);
    }
}
