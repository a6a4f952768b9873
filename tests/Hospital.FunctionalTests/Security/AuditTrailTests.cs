using System.Net.Http.Json;
using System.Text;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Security;

/// <summary>Every patient-data route leaves an audit entry, and the hash chain shows any edit made behind the api's back.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly HospitalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryPatientDataRouteWritesAnAuditEntry()
    {
        var admin = _factory.CreateClient();
        var mrn = await Requests.RegisterAsync(admin);
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(Hospital.Api.Security.PatientDataRoutes.Carries).Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)).ToList();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} patient-data routes");

        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!;
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var url = "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}",
                m => m.Groups[1].Value switch { "mrn" => mrn, "section" => "notes", _ => "X1" });
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is not "GET" and not "DELETE")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            await admin.SendAsync(request);
            var audit = await (await admin.GetAsync($"/api/audit?limit=1000")).ReadJsonAsync();
            var action = $"{method} {pattern}";
            if (!audit.EnumerateArray().Any(e => e.GetProperty("payload").GetString()!.Contains(action.Replace("\"", ""), StringComparison.Ordinal)
                                                 || Body(e).Contains($"\"action\":\"{action}\"", StringComparison.Ordinal)))
            {
                missing.Add(action);
            }
        }

        Assert.True(missing.Count == 0, "no audit entry for:\n" + string.Join("\n", missing));
        var verification = await (await admin.GetAsync("/api/audit/verify")).ReadJsonAsync();
        Assert.True(verification.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task ADeniedAttemptIsAuditedWithItsPatient()
    {
        var admin = _factory.CreateClient();
        var mrn = await Requests.RegisterAsync(admin);
        var billing = await TestAuth.UserClientAsync(admin, _factory.CreateAnonymousClient, "Billing");

        var response = await billing.GetAsync($"/api/patients/{mrn}/chart");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        var audit = await (await admin.GetAsync($"/api/audit?mrn={mrn}")).ReadJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => Body(e).Contains("\"outcome\":\"Denied\"") && Body(e).Contains("Billing"));
    }

    [Fact]
    public async Task EditingOneAuditRowInTheDatabaseMakesVerifyReportTheBreak()
    {
        var admin = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await Requests.RegisterAsync(admin);
        }

        Assert.True((await (await admin.GetAsync("/api/audit/verify")).ReadJsonAsync()).GetProperty("valid").GetBoolean());
        var audit = await (await admin.GetAsync("/api/audit")).ReadJsonAsync();
        var victim = audit[1].GetProperty("sequence").GetInt64();

        // Someone with database access rewrites who did it; the triggers that refuse edits must be dropped first.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_factory.DataDirectory, "hospital.db")}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "DROP TRIGGER journal_no_update; UPDATE journal SET actor = 'someone-else' WHERE seq = $seq;";
            command.Parameters.AddWithValue("$seq", victim);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var verification = await (await admin.GetAsync("/api/audit/verify")).ReadJsonAsync();
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(victim, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task NoRouteCanChangeOrDeleteAnAuditEntry()
    {
        var admin = _factory.CreateClient();

        var put = await admin.PutAsJsonAsync("/api/audit/1", new { actor = "x" });
        var delete = await admin.DeleteAsync("/api/audit/1");

        Assert.True(put.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed);
        Assert.True(delete.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed);
    }

    private static string Body(System.Text.Json.JsonElement entry)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(entry.GetProperty("payload").GetString()!);
        return payload.RootElement.GetProperty("body").GetString()!;
    }

    [Fact]
    public async Task PatientDataWhoseAuditCannotBeWrittenIsNotSentAndTheRequestAnswers503()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        using var factory = new HospitalFactory().With("Hospital:Storage", "Postgres").With("ConnectionStrings:Hospital", database);
        var admin = factory.CreateClient();
        var mrn = await Requests.RegisterAsync(admin, Requests.Patient("Audit", "Unwritable"));
        // The patient stays readable from memory; the audit trail appends to the journal, which is gone.
        await PostgresServer.RenameTableAsync(database, "hospital_journal", "hospital_journal_gone");

        var response = await admin.GetAsync($"/api/patients/{mrn}");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("Unwritable", await response.Content.ReadAsStringAsync());
    }
}
