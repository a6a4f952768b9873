using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Patients;

[Collection(SqliteApiCollection.Name)]
public sealed class IdempotencyTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> PostAsync(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/patients") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task ARetryWithTheSameKeyAndBodyReturnsTheFirstResultAndRegistersNoOneNew()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(key, Requests.Patient("Retry", "Once"));

        var retry = await PostAsync(key, Requests.Patient("Retry", "Once"));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("mrn").GetString(), (await retry.ReadJsonAsync()).GetProperty("mrn").GetString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
    }

    [Fact]
    public async Task RetriesArrivingAtTheSameTimeRegisterOnePatient()
    {
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(key, Requests.Patient("Same", "Time"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var mrns = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("mrn").GetString()));
        Assert.Single(mrns.Distinct());
    }

    [Fact]
    public async Task AKeyReusedWithADifferentBodyIsA422()
    {
        var key = Guid.NewGuid().ToString();
        await PostAsync(key, Requests.Patient("First", "Body"));

        var reused = await PostAsync(key, Requests.Patient("Other", "Body"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARejectedRequestIsReplayedAsRejected()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = new { given = "No", family = "Date" }, sex = "male" };

        var first = await PostAsync(key, body);
        var retry = await PostAsync(key, body);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
    }
}
