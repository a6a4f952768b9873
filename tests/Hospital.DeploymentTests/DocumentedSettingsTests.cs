using Hospital.DeploymentTests.Infrastructure;

namespace Hospital.DeploymentTests;

/// <summary>The reader of the README's configuration table that the settings check relies on.</summary>
public sealed class DocumentedSettingsTests
{
    [Fact]
    public void ARowWithSeveralNamesYieldsSiblingsAndAlternativeSpellings()
    {
        string[] readme =
        [
            "## Configuration",
            "| Setting | Default | Meaning |",
            "| `Hospital:Orleans:ClusterId` / `ServiceId` | `hospital` | identity |",
            "| `Hospital:Auth:Authority` / `RoleMap:*` | unset | oidc |",
            "| `--urls` / `ASPNETCORE_URLS` | `http://localhost:5080` | listen |",
            "## Architecture",
            "| `Not:A:Setting` | | |",
        ];

        var names = DocumentedSettings.Read(readme);

        Assert.Equal(["Hospital:Orleans:ClusterId", "Hospital:Orleans:ServiceId", "Hospital:Auth:Authority", "Hospital:Auth:RoleMap:*", "urls", "ASPNETCORE_URLS"], names);
    }

    [Fact]
    public void TheReadmeDocumentsTheSettingsTheManifestsRelyOn()
    {
        Assert.Superset(
            new HashSet<string> { "Hospital:Storage", "ConnectionStrings:Hospital", "Hospital:MigrateOnStartup", "Hospital:Orleans:Mode", "Hospital:Orleans:AdvertisedIPAddress", "Hospital:Orleans:ServiceId" },
            DocumentedSettings.Names.ToHashSet());
    }

    [Theory]
    [InlineData("Hospital__Storage", true)]
    [InlineData("Hospital__Storag", false)]
    [InlineData("Hospital__Auth__RoleMap__doctor", true)]
    [InlineData("DOTNET_SHUTDOWNTIMEOUTSECONDS", true)]
    [InlineData("ASPNETCORE_URLS", true)]
    public void AVariableIsCoveredOnlyByADocumentedName(string variable, bool covered)
    {
        Assert.Equal(covered, DocumentedSettings.Covers(new Setting(variable, "x", null, "env")));
    }
}
