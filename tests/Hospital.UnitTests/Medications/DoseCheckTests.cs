using Hospital.Contracts.Medications;
using static Hospital.UnitTests.Medications.Ordering;

namespace Hospital.UnitTests.Medications;

public sealed class DoseCheckTests
{
    [Fact]
    public void ParacetamolOneGramFourTimesADayIsWithinTheMaximum() => Assert.Empty(Check("paracetamol", 1, "g", frequency: "qds"));

    [Fact]
    public void ParacetamolOneAndAHalfGramsFourTimesADayIsOverTheMaximum()
    {
        var warning = Single(Check("paracetamol", 1.5m, "g", frequency: "qds"), WarningKind.Dose);
        Assert.Equal(WarningSeverity.major, warning.Severity);
        Assert.Contains("6 g", warning.Message);
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1500, true)]
    public void MilligramsAreConvertedBeforeComparing(decimal milligrams, bool over) =>
        Assert.Equal(over, Check("paracetamol", milligrams, "mg", frequency: "qds").Any(w => w.Kind == WarningKind.Dose));

    [Fact]
    public void MicrogramsAreConvertedBeforeComparing() =>
        Assert.Single(Check("levothyroxine", 0.5m, "mg", frequency: "daily"), w => w.Kind == WarningKind.Dose);

    [Fact]
    public void TheMaximumIsTheOneForTheOrderedRoute()
    {
        Assert.Empty(Check("salbutamol", 5, "mg", "nebulised", "qds"));
        Assert.Single(Check("salbutamol", 5, "mg", "inhaled", "qds"), w => w.Kind == WarningKind.Dose);
    }

    [Fact]
    public void RouteAbbreviationsMeanTheirRoute() =>
        Assert.Single(Check("paracetamol", 1.5m, "g", "PO", "qds"), w => w.Kind == WarningKind.Dose);

    [Fact]
    public void APrnOrderCountsFourDosesADayUnlessItStatesItsMaximum()
    {
        Assert.Empty(Check("paracetamol", 1, "g", frequency: "prn"));
        Assert.Single(Check("paracetamol", 1.5m, "g", frequency: "prn"), w => w.Kind == WarningKind.Dose);
        Assert.Single(Check("cyclizine", 50, frequency: "prn"), w => w.Kind == WarningKind.Dose);
        Assert.Empty(Check("cyclizine", 50, frequency: "prn", prnMax: 3));
    }

    [Fact]
    public void ASingleDoseIsComparedWithTheDailyMaximum()
    {
        Assert.Empty(Check("amoxicillin", 3, "g", frequency: "once"));
        Assert.Single(Check("amoxicillin", 4, "g", frequency: "once"), w => w.Kind == WarningKind.Dose);
    }

    [Fact]
    public void WeeklyMethotrexateIsWithinItsWeeklyMaximumButDailyIsNot()
    {
        Assert.Empty(Check("methotrexate", 15, frequency: "weekly"));
        var warning = Single(Check("methotrexate", 10, frequency: "daily"), WarningKind.Dose);
        Assert.Contains("a week", warning.Message);
    }

    [Fact]
    public void UnitsThatCannotBeComparedGiveNoDoseWarning() => Assert.Empty(Check("paracetamol", 500, "ml", frequency: "qds"));

    [Fact]
    public void InternationalUnitsCompareWithUnits() =>
        Assert.Single(Check("dalteparin", 20000, "IU", "sc", "daily"), w => w.Kind == WarningKind.Dose);

    [Fact]
    public void ADrugTitratedWithoutACeilingGivesNoDoseWarning() => Assert.Empty(Check("warfarin", 12, frequency: "daily"));

    [Fact]
    public void ModerateAndMinorWarningsDoNotBlockAnOrder()
    {
        Assert.False(OrderWarnings.Blocks(Check("clopidogrel", 75, active: ["omeprazole"], allergiesRecorded: false)));
        Assert.True(OrderWarnings.Blocks(Check("paracetamol", 1.5m, "g", frequency: "qds")));
        Assert.True(OrderWarnings.Blocks(Check("simvastatin", 40, active: ["clarithromycin"])));
    }
}
