using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Platform;

/// <summary>Query times lie between 2000-01-01 and 2100-01-01: a year-one or year-9999 bound is a 400, never a 500.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class QueryRangeTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/journal?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/journal?to=9999-12-31T00:00:00Z", "to")]
    [InlineData("/api/audit?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/wards/{ward}/metrics?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/wards/{ward}/metrics?to=0001-01-02T00:00:00Z", "to")]
    [InlineData("/api/wards/{ward}/metrics?from=2001-01-01T00:00:00Z&to=2003-01-01T00:00:00Z", "from")]
    [InlineData("/api/patients/{mrn}/vitals?from=0001-01-01T00:00:00Z", "from")]
    public async Task ATimeOutOfRangeIsA400NamingIt(string route, string field)
    {
        var (ward, _) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.GetAsync(route.Replace("{ward}", ward).Replace("{mrn}", mrn));

        await response.AssertInvalidAsync(field);
    }
}
