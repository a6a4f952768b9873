using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Security;

/// <summary>One password rule everywhere: 12 characters or more and not one of the 10,000 most common passwords.</summary>
public sealed class PasswordPolicyTests : IDisposable
{
    private const string Common = "1qaz2wsx3edc";
    private readonly List<ClientAddressFactory> _hospitals = [];

    public void Dispose() => _hospitals.ForEach(h => h.Dispose());

    [Theory]
    [InlineData("elevenchars")]
    [InlineData(Common)]
    [InlineData("Q1W2E3R4T5Y6")]
    public async Task AShortOrCommonPasswordIsRefusedForANewUserAndForANewPassword(string password)
    {
        var admin = Hospital().CreateClient();

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { username = "u" + Guid.NewGuid().ToString("N")[..8], password, roles = new[] { "Nurse" } });
        var changed = await admin.PostAsJsonAsync("/api/admin/users/admin/password", new { password });

        await created.AssertInvalidAsync("password");
        await changed.AssertInvalidAsync("password");
    }

    [Fact]
    public async Task AGoodPasswordIsAccepted()
    {
        var admin = Hospital().CreateClient();

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { username = "u" + Guid.NewGuid().ToString("N")[..8], password = "violet-harbour-tide", roles = new[] { "Nurse" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [InlineData("short-pw", "Hospital:Auth:BootstrapAdminPassword")]
    [InlineData(Common, "Hospital:Auth:BootstrapAdminPassword")]
    public void AWeakBootstrapPasswordStopsTheStartNamingTheSetting(string password, string setting)
    {
        var hospital = Hospital(("Hospital:Auth:BootstrapAdminPassword", password));

        var error = Assert.ThrowsAny<Exception>(() => hospital.CreateAnonymousClient());

        Assert.Contains(setting, error.ToString());
    }

    [Fact]
    public void ACommonDemoPasswordStopsTheStartNamingTheSetting()
    {
        var hospital = Hospital(("Hospital:Seed:DemoPassword", "123qweasdzxc"), ("Hospital:Seed:OnFirstStart", "true"));

        var error = Assert.ThrowsAny<Exception>(() => hospital.CreateAnonymousClient());

        Assert.Contains("Hospital:Seed:DemoPassword", error.ToString());
    }

    [Fact]
    public async Task AGeneratedBootstrapPasswordIsWrittenToAnOwnerOnlyFileAndNeverLogged()
    {
        var hospital = Hospital(("Hospital:Auth:BootstrapAdminPassword", null));
        var anonymous = hospital.CreateAnonymousClient();
        var file = Directory.GetFiles(hospital.KeyDirectory, "bootstrap-admin-password", SearchOption.AllDirectories).Single();
        var password = (await File.ReadAllTextAsync(file)).Trim();

        var token = await TestAuth.TokenAsync(anonymous, "admin", password);

        Assert.NotEmpty(token);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.True(password.Length >= 12);
        Assert.DoesNotContain(hospital.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.Contains(hospital.Logs.Lines, l => l.Contains(file, StringComparison.Ordinal));
    }

    private ClientAddressFactory Hospital(params (string Key, string? Value)[] settings)
    {
        var hospital = new ClientAddressFactory();
        foreach (var (key, value) in settings)
        {
            hospital.With(key, value);
        }

        _hospitals.Add(hospital);
        return hospital;
    }
}
