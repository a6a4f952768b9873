using Hospital.Hosting.Configuration;
using Hospital.Hosting.Storage;
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
    [InlineData("Hospital:Postgres:MaxPoolSize", "1", "Hospital:Postgres:MaxPoolSize")]
    [InlineData("Hospital:Postgres:OrleansMaxPoolSize", "0", "Hospital:Postgres:OrleansMaxPoolSize")]
    [InlineData("Hospital:Postgres:ConnectionTimeout", "00:00:00", "Hospital:Postgres:ConnectionTimeout")]
    public void ABadSettingStopsTheStartWithAMessageNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load((key, value)));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void BothPoolsOfAProcessAreSizedFromTheSettingsWhateverTheConnectionStringSays()
    {
        var options = Load(("Hospital:Storage", "Postgres"), ("ConnectionStrings:Hospital", "Host=db;Maximum Pool Size=100;Minimum Pool Size=50"),
            ("Hospital:Postgres:MaxPoolSize", "7"), ("Hospital:Postgres:OrleansMaxPoolSize", "3"), ("Hospital:Postgres:ConnectionTimeout", "00:00:30"));

        var own = new Npgsql.NpgsqlConnectionStringBuilder(PostgresPools.Hospital(options));
        var orleans = new Npgsql.NpgsqlConnectionStringBuilder(PostgresPools.Orleans(options));

        Assert.Equal((7, 7, 30), (own.MaxPoolSize, own.MinPoolSize, own.Timeout));
        Assert.Equal((3, 3, 30), (orleans.MaxPoolSize, orleans.MinPoolSize, orleans.Timeout));
        Assert.NotEqual(own.ApplicationName, orleans.ApplicationName);
    }
}
