using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hospital.Api.Fhir;

namespace Hospital.FunctionalTests.Fhir;

/// <summary>Reads FHIR answers with the SDK's parser, checking they are application/fhir+json.</summary>
public static class FhirRequests
{
    public static async Task<T> GetFhirAsync<T>(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) where T : Resource =>
        await (await client.GetAsync(url)).ReadFhirAsync<T>(expected);

    /// <summary>Asserts an error answer is an OperationOutcome with that status and returns its first issue.</summary>
    public static async Task<OperationOutcome.IssueComponent> GetOutcomeAsync(this HttpClient client, string url, HttpStatusCode expected)
    {
        var outcome = await client.GetFhirAsync<OperationOutcome>(url, expected);
        FhirValidation.AssertValid(outcome);
        return Assert.Single(outcome.Issue);
    }

    /// <summary>Sends <paramref name="resource"/> as application/fhir+json, serialized by the SDK.</summary>
    public static Task<HttpResponseMessage> SendFhirAsync(this HttpClient client, HttpMethod method, string url, Resource resource) =>
        client.SendAsync(new HttpRequestMessage(method, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(resource, FhirResults.Json), System.Text.Encoding.UTF8, FhirResults.ContentType),
        });

    /// <summary>Reads an answer as FHIR, checking its status and media type.</summary>
    public static async Task<T> ReadFhirAsync<T>(this HttpResponseMessage response, HttpStatusCode expected) where T : Resource
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        Assert.Equal(FhirResults.ContentType, response.Content.Headers.ContentType?.MediaType);
        return Assert.IsType<T>(JsonSerializer.Deserialize<Resource>(body, FhirResults.Json));
    }

    public static IEnumerable<T> Resources<T>(this Bundle bundle) where T : Resource => bundle.Entry.Select(e => Assert.IsType<T>(e.Resource));

    public static string? LinkUrl(this Bundle bundle, string relation) => bundle.Link.FirstOrDefault(l => l.Relation == relation)?.Url;
}
