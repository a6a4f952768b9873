using Hospital.Contracts.Medications;
using Hospital.Grains.Medications;

namespace Hospital.UnitTests.Medications;

public sealed class DrugLookupTests
{
    private static readonly DrugKnowledge Knowledge = DrugKnowledge.Shipped;

    [Theory]
    [InlineData("paracetamol")] [InlineData("Acetaminophen")] [InlineData("N02BE01")] [InlineData("n02be01")]
    public void ADrugIsFoundByNameSynonymOrCodeInAnyCase(string key) => Assert.Equal("paracetamol", Knowledge.FindDrug(key)?.Name);

    [Fact]
    public void GtnIsGlycerylTrinitrate() => Assert.Equal("glyceryl trinitrate", Knowledge.FindDrug("GTN")?.Name);

    [Fact]
    public void TwoEntriesWithOneAtcCodeHaveDifferentCodes() =>
        Assert.NotEqual(Knowledge.FindDrug("co-careldopa")!.Code, Knowledge.FindDrug("co-beneldopa")!.Code);

    [Fact]
    public void SearchListsNamesStartingWithTheTextFirst()
    {
        var found = Knowledge.Search("amo", 5);
        Assert.Equal("amoxicillin", found[0].Name);
        Assert.Contains(found, d => d.Name == "co-amoxiclav");
    }

    [Fact]
    public void SearchByAtcPrefixListsTheGroup() =>
        Assert.All(Knowledge.Search("J01C", 50), d => Assert.StartsWith("J01C", d.Atc));

    [Fact]
    public void SearchHonoursTheLimit() => Assert.Equal(3, Knowledge.Search("", 3).Count);

    [Fact]
    public void ADrugsClassesIncludeTheirParentsAndItsIngredientsClasses()
    {
        var classes = Knowledge.ClassesOf(Knowledge.FindDrug("co-amoxiclav")!);
        Assert.Contains("penicillins", classes);
        Assert.Contains("beta-lactams", classes);
        Assert.Contains("antibacterials", classes);
    }

    [Theory]
    [InlineData("penicillin", "penicillins")] [InlineData("SULFA", "arylamine-sulfonamides")] [InlineData("NSAIDs", "nsaids")]
    public void AllergySynonymsResolveToTheirClass(string substance, string classId) =>
        Assert.Contains(classId, Knowledge.ResolveAllergy(substance).Classes);

    [Fact]
    public void ADrugAllergyResolvesToTheDrugAndItsAllergyGroups()
    {
        var allergen = Knowledge.ResolveAllergy("aspirin");
        Assert.Contains("aspirin", allergen.Drugs);
        Assert.Contains("nsaids", allergen.Classes);
        Assert.DoesNotContain("antiplatelets", allergen.Classes);
    }

    [Fact]
    public void TheSummaryIsCodeNameClassesAndRoutes()
    {
        var summary = Knowledge.FindDrug("amoxicillin")!.Summary();

        Assert.Equal(("J01CA04", "amoxicillin"), (summary.Code, summary.Name));
        Assert.Contains("penicillins", summary.Classes);
        Assert.Contains("oral", summary.Routes!);
    }
}
