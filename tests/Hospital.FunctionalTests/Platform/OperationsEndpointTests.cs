using System.Net;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Platform;

[Collection(SqliteApiCollection.Name)]
public sealed class OperationsEndpointTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    [InlineData("/")]
    public async Task OperationsEndpointsAnswer(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesPatientRegistration()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/patients", out _));
    }
}
