using System.Net;
using System.Text;
using Hospital.Contracts.Security;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Security;

/// <summary>
/// Every mapped route, discovered from the endpoint data source (not a hand list): 401 without a token, and 403 for a
/// role the permission matrix does not grant it.
/// </summary>
[Collection(SqliteApiCollection.Name)]
public sealed class RouteProtectionTests(HospitalFactory factory)
{
    /// <summary>Sign-in, health, and the FHIR CapabilityStatement (clients read it before they authenticate).</summary>
    private static readonly HashSet<string> Open = ["/api/auth/token", "/health/live", "/health/ready", "/fhir/metadata"];

    /// <summary>The API reference UI's own script and icon files: static, public, no data.</summary>
    private static bool IsScalarAsset(string pattern) =>
        pattern.StartsWith("/scalar/", StringComparison.Ordinal) && (pattern.EndsWith(".js", StringComparison.Ordinal) || pattern.EndsWith(".svg", StringComparison.Ordinal));

    private IEnumerable<(string Method, string Pattern, string Url, string? Permission)> Routes()
    {
        _ = factory.CreateClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p?.StartsWith("perm:") == true);
            var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value == "section" ? "allergies" : "X1");
            foreach (var method in methods)
            {
                yield return (method, pattern, url, policy?["perm:".Length..]);
            }
        }
    }

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task EveryRouteButSignInAndHealthNeedsAToken()
    {
        var anonymous = factory.CreateAnonymousClient();
        var routes = Routes().ToList();
        Assert.True(routes.Count > 60, $"only {routes.Count} routes discovered");

        var failures = new List<string>();
        foreach (var (method, pattern, url, _) in routes.Where(r => !Open.Contains(r.Pattern) && !IsScalarAsset(r.Pattern)))
        {
            var response = await anonymous.SendAsync(Request(method, url));
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, "reachable without a token:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryRouteRefusesARoleOutsideItsPermission()
    {
        var admin = factory.CreateClient();
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var group in Routes().Where(r => r.Permission is not null && !IsScalarAsset(r.Pattern)).GroupBy(r => Enum.Parse<Permission>(r.Permission!)))
        {
            // A role the matrix does not grant this permission (HumanResources has none yet).
            var outsider = Roles.All.First(r => !PermissionMatrix.Of(r).Contains(group.Key));
            var client = await TestAuth.UserClientAsync(admin, factory.CreateAnonymousClient, outsider);
            foreach (var (method, pattern, url, _) in group)
            {
                checkedRoutes++;
                var response = await client.SendAsync(Request(method, url));
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {pattern} as {outsider}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(checkedRoutes > 60, $"only {checkedRoutes} routes carry a permission");
        Assert.True(failures.Count == 0, "not refused:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryRouteNamesAPermissionUnlessItIsOpenOrAboutTheCallerThemself()
    {
        var unprotected = Routes().Where(r => r.Permission is null && !Open.Contains(r.Pattern) && !IsScalarAsset(r.Pattern) && r.Pattern != "/api/auth/me").Select(r => $"{r.Method} {r.Pattern}").ToList();

        Assert.True(unprotected.Count == 0, "routes relying on the fallback policy only:\n" + string.Join("\n", unprotected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.HumanResources)]
    public async Task TheHubAndEveryMethodOnItRefuseCallersWithoutOperationsAccess(string? role)
    {
        var admin = factory.CreateClient();
        string? token = null;
        if (role is not null)
        {
            var client = await TestAuth.UserClientAsync(admin, factory.CreateAnonymousClient, role);
            token = client.DefaultRequestHeaders.Authorization!.Parameter;
        }

        await using var hub = new HubConnectionBuilder()
            .WithUrl("http://localhost/hubs/operations", o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();

        // The connection itself is refused, so no hub method (SubscribeHospital, SubscribeWard, ...) can be reached.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains(nameof(Hospital.Api.Live.OperationsHub.SubscribeWard), typeof(Hospital.Api.Live.OperationsHub).GetMethods().Select(m => m.Name));
    }
}
