using System.Text.RegularExpressions;
using Hospital.Grains.Medications;

namespace Hospital.UnitTests.Medications;

/// <summary>The shipped data file's own integrity: what must hold for every entry, whoever edits it next.</summary>
public sealed partial class DrugKnowledgeFileTests
{
    private static readonly DrugKnowledgeFile File = DrugKnowledge.Shipped.File;
    private static readonly DrugKnowledge Knowledge = DrugKnowledge.Shipped;

    [GeneratedRegex(@"^[A-Z]\d\d[A-Z][A-Z]\d\d$")] private static partial Regex AtcCode();
    [GeneratedRegex(@"^\d{4}\.\d{1,2}\.\d+$")] private static partial Regex VersionNumber();

    [Fact]
    public void TheFileHasAVersion() => Assert.Matches(VersionNumber(), File.Version);

    [Fact]
    public void TheFileCoversAtLeastTwoHundredDrugs() => Assert.True(File.Drugs.Count >= 200, $"{File.Drugs.Count} drugs");

    [Fact]
    public void CodesAreUnique() => AssertUnique(File.Drugs.Select(d => d.Code));

    [Fact]
    public void EveryNameAndSynonymNamesOneDrug() =>
        AssertUnique(File.Drugs.SelectMany(d => d.Synonyms.Append(d.Name).Append(d.Code).Select(k => k.ToLowerInvariant()).Distinct()));

    [Fact]
    public void NamesAreLowerCaseGenericNames() =>
        Assert.All(File.Drugs, d => Assert.Equal(d.Name.ToLowerInvariant().Trim(), d.Name));

    [Fact]
    public void EveryAtcCodeIsWellFormed() => Assert.All(File.Drugs, d => Assert.Matches(AtcCode(), d.Atc));

    [Fact]
    public void EveryCodeIsItsAtcCodeOrASuffixedCopyOfIt() =>
        Assert.All(File.Drugs, d => Assert.Matches($"^{d.Atc}(-[2-9])?$", d.Code));

    [Fact]
    public void EveryClassADrugOrAClassNamesExists()
    {
        var ids = File.Classes.Select(c => c.Id).ToHashSet();
        Assert.All(File.Drugs.SelectMany(d => d.Classes), id => Assert.Contains(id, ids));
        Assert.All(File.Classes.SelectMany(c => c.Parents), id => Assert.Contains(id, ids));
        Assert.All(File.DuplicateClasses, d => Assert.Contains(d.Class, ids));
    }

    [Fact]
    public void ClassIdsAndAllergyNamesAreUniqueAndNeverADrugName()
    {
        var classKeys = File.Classes.SelectMany(c => c.Synonyms.Append(c.Name).Append(c.Id).Select(k => k.ToLowerInvariant()).Distinct()).ToList();
        AssertUnique(classKeys);
        Assert.All(classKeys, key => Assert.Null(Knowledge.FindDrug(key)));
    }

    [Fact]
    public void EveryDrugIsInAtLeastOneClass() => Assert.All(File.Drugs, d => Assert.NotEmpty(d.Classes));

    [Fact]
    public void EveryInteractionSideIsADrugOrAClass() =>
        Assert.All(File.Interactions.SelectMany(i => new[] { i.A, i.B }), side => Assert.True(Resolves(side), side));

    [Fact]
    public void EveryCrossReactivitySideIsADrugOrAClass() =>
        Assert.All(File.CrossReactivities.SelectMany(c => new[] { c.Allergy, c.Drug }), side => Assert.True(Resolves(side), side));

    [Fact]
    public void EveryInteractionHasAOneLineMechanismAndACitedSource()
    {
        var sources = File.Sources.Select(s => s.Id).ToList();
        Assert.All(File.Interactions, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Mechanism), $"{i.A} x {i.B}");
            Assert.DoesNotContain('\n', i.Mechanism);
            Assert.Contains(sources, id => i.Source.StartsWith(id, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void NoPairOfSidesHasTwoInteractions() =>
        AssertUnique(File.Interactions.Select(i => string.Join(" x ", new[] { i.A, i.B }.Order(StringComparer.Ordinal))));

    [Fact]
    public void TheFileHasAtLeastOneHundredAndFiftyInteractions() => Assert.True(File.Interactions.Count >= 150, $"{File.Interactions.Count}");

    [Fact]
    public void EveryDrugHasARouteAndEveryRouteStatesItsMaximumOrWhyItHasNone() =>
        Assert.All(File.Drugs, d =>
        {
            Assert.NotEmpty(d.Routes);
            Assert.All(d.Routes, r => Assert.True(
                (r.MaxDailyDose is { Value: > 0 } || r.MaxWeeklyDose is { Value: > 0 }) ^ !string.IsNullOrWhiteSpace(r.NoMaximum),
                $"{d.Name} {r.Route}"));
        });

    [Fact]
    public void MostDrugsHaveAMaximumDoseOnSomeRoute()
    {
        var withMaximum = File.Drugs.Count(d => d.Routes.Any(r => r.MaxDailyDose is not null || r.MaxWeeklyDose is not null));
        Assert.True(withMaximum >= 200, $"{withMaximum} drugs have a maximum");
    }

    [Fact]
    public void EveryMaximumUsesAUnitTheChecksKnow()
    {
        string[] units = ["g", "mg", "microgram", "units", "mmol", "ml", "tablet", "sachet"];
        Assert.All(File.Drugs.SelectMany(d => d.Routes).SelectMany(r => new[] { r.MaxDailyDose, r.MaxWeeklyDose }).OfType<DoseAmount>(),
            max => Assert.Contains(max.Unit, units));
    }

    [Fact]
    public void TheClassHierarchyHasNoCycles() =>
        Assert.All(File.Classes, c => Assert.DoesNotContain(c.Id, c.Parents.SelectMany(Knowledge.WithParents)));

    private static bool Resolves(string side) => Knowledge.FindDrug(side) is not null || File.Classes.Any(c => c.Id == side);

    private static void AssertUnique(IEnumerable<string> keys) =>
        Assert.Empty(keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key));
}
