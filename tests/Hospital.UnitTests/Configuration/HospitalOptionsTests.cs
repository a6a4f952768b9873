using Hospital.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hospital.UnitTests.Configuration;

public sealed class HospitalOptionsTests
{
    private static HospitalOptions Load(params (string Key, string Value)[] settings) =>
        HospitalOptionsValidator.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void NoSettingsMeansAllInOneOnSqlite()
    {
        var options = Load();

        Assert.Equal((StorageKind.Sqlite, OrleansMode.CoHosted, "./data"), (options.Storage, options.Orleans.Mode, options.DataDirectory));
    }

    [Theory]
    [InlineData("Hospital:Storage", "Postgres", "ConnectionStrings:Hospital")]
    [InlineData("Hospital:Orleans:Mode", "Client", "Hospital:Orleans:Mode")]
    [InlineData("Hospital:Orleans:SiloPort", "70000", "Hospital:Orleans:SiloPort")]
    [InlineData("Hospital:Orleans:AdvertisedIPAddress", "pod-ip", "Hospital:Orleans:AdvertisedIPAddress")]
    [InlineData("Hospital:Api:MaxRequestBodyBytes", "10", "Hospital:Api:MaxRequestBodyBytes")]
    [InlineData("Hospital:Storage", "Cassandra", "Hospital:")]
    public void ABadSettingStopsTheStartWithAMessageNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load((key, value)));

        Assert.Contains(named, error.Message);
    }
}
