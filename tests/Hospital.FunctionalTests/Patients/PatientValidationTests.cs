using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Patients;

/// <summary>Every bad input gets a 4xx ProblemDetails naming what is wrong, and registers nobody.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class PatientValidationTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1950-02-30","sex":"female"}""", "birthDate" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"yesterday","sex":"female"}""", "birthDate" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1950-02-03","sex":"fem"}""", "sex" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1950-02-03","sex":2}""", "sex" },
        { """{"name":"Ann Lee","birthDate":"1950-02-03","sex":"female"}""", "name" },
        { """{"name":{"given":"Ann","family":42},"birthDate":"1950-02-03","sex":"female"}""", "name.family" },
        { """{"birthDate":"1950-02-03","sex":"female"}""", "name" },
        { """{"name":{"given":"Ann"},"birthDate":"1950-02-03","sex":"female"}""", "name.family" },
        { """{"name":{"given":" ","family":"Lee"},"birthDate":"1950-02-03","sex":"female"}""", "name.given" },
        { """{"name":{"given":"Ann","family":"Lee"},"sex":"female"}""", "birthDate" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1950-02-03"}""", "sex" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"2999-01-01","sex":"female"}""", "birthDate" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1750-01-01","sex":"female"}""", "birthDate" },
        { $$"""{"name":{"given":"{{new string('a', 201)}}","family":"Lee"},"birthDate":"1950-02-03","sex":"female"}""", "name.given" },
        { $$"""{"name":{"given":"{{new string('ß', 200)}}","family":"Lee"},"birthDate":"1950-02-03","sex":"female"}""", "name.given" },
        { $$"""{"name":{"given":"Ann","family":"{{new string('a', 150) + new string('æ', 51)}}"},"birthDate":"1950-02-03","sex":"female"}""", "name.family" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1950-02-03","sex":"female","phone":"{{new string('1', 51)}}"}""".Replace("{{new string('1', 51)}}", new string('1', 51)), "phone" },
        { """{"name":{"given":"Ann","family":"Lee"},"birthDate":"1950-02-03","sex":"female""", "body" },
        { "not json at all", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidRegistrationIsA400NamingTheFieldAndRegistersNobody(string body, string field)
    {
        var before = await CountRegistrationsAsync();

        var response = await _client.PostAsync("/api/patients", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Equal(before, await CountRegistrationsAsync());
    }

    [Fact]
    public async Task ABodyOverTheLimitIsA413()
    {
        var huge = new string('x', 1024 * 1024 + 1);

        var response = await _client.PostAsJsonAsync("/api/patients", new { name = new { given = huge, family = "Lee" } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnparseableQueryValueIsA400NamingTheParameter()
    {
        var response = await _client.GetAsync("/api/journal?from=not-a-time");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task AnUnknownRouteIsA404Problem()
    {
        var response = await _client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> CountRegistrationsAsync() =>
        (await (await _client.GetAsync("/api/journal?kind=PatientRegistered&limit=1000")).ReadJsonAsync()).GetArrayLength();
}
