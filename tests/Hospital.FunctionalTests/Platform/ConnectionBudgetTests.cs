using System.Collections.Concurrent;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace Hospital.FunctionalTests.Platform;

/// <summary>Measures connections on the shared server, so nothing else runs meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneOnTheServer
{
    public const string Name = "alone-on-the-server";
}

/// <summary>
/// Every process keeps within its PostgreSQL connection budget (README "Connection budget") under concurrent load, on a
/// server with the default max_connections (100); a burst larger than a pool waits for a connection instead of failing.
/// </summary>
[Collection(AloneOnTheServer.Name)]
public sealed class ConnectionBudgetTests(ITestOutputHelper output)
{
    /// <summary>Default <c>Hospital:Postgres:MaxPoolSize</c> + <c>OrleansMaxPoolSize</c>.</summary>
    private const int PerProcess = 8 + 4;

    [Fact]
    public async Task TwoSilosAndTwoApiProcessesUnderConcurrentLoadStayWithinTheirConnectionBudget()
    {
        var cluster = await LocalCluster.SettingsAsync();
        await using var connections = ConnectionPeak.Watch(cluster["ConnectionStrings:Hospital"]);
        await using var silo1 = await LocalCluster.SiloAsync(cluster);
        await using var silo2 = await LocalCluster.SiloAsync(cluster);
        await using var api1 = await LocalCluster.ApiAsync(cluster);
        await using var api2 = await LocalCluster.ApiAsync(cluster);
        HttpClient[] admins = [await api1.AdminClientAsync(), await api2.AdminClientAsync()];
        var statuses = new ConcurrentDictionary<int, int>();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Task.WhenAll(Enumerable.Range(0, 48).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var http = admins[(worker + i) % 2];
                var registered = await http.PostAsJsonAsync("/api/patients", Requests.Patient("Load", $"W{worker}x{i}"));
                Count(statuses, registered);
                if (registered.IsSuccessStatusCode)
                {
                    var mrn = (await registered.ReadJsonAsync()).GetProperty("mrn").GetString();
                    Count(statuses, await admins[(worker + i + 1) % 2].GetAsync($"/api/patients/{mrn}"));
                    Count(statuses, await http.GetAsync($"/api/journal?mrn={mrn}"));
                }

                Count(statuses, await http.GetAsync("/api/patients?name=load&limit=5"));
                Count(statuses, await http.GetAsync("/api/census"));
            }
        })));
        await connections.DisposeAsync();

        output.WriteLine($"{statuses.Values.Sum()} requests ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}); " +
            $"peak {connections.Max} connections ({connections.Split})");
        Assert.DoesNotContain(statuses.Keys, status => status >= 500);
        Assert.True(connections.Max <= 4 * PerProcess, $"{connections.Max} connections at the peak ({connections.Split})");
        Assert.All(new[] { silo1, silo2, api1, api2 }, process => Assert.DoesNotContain("53300", process.Output));
    }

    [Fact]
    public async Task ABurstLargerThanThePoolWaitsForConnectionsInsteadOfFailing()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var connections = ConnectionPeak.Watch(database);
        await using var api = await HospitalProcess.StartApiAsync(new Dictionary<string, string>
        {
            ["Hospital:Storage"] = "Postgres",
            ["ConnectionStrings:Hospital"] = database,
            ["Hospital:Orleans:ClusterId"] = "burst-" + Guid.NewGuid().ToString("N")[..8],
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["Hospital:Postgres:MaxPoolSize"] = "2",
            ["Hospital:Postgres:OrleansMaxPoolSize"] = "1",
        });
        using var admin = await api.AdminClientAsync();
        var statuses = new ConcurrentDictionary<int, int>();

        // 200 patients at once: each activates a grain (a state read) and writes; searches read the index.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            Count(statuses, await admin.PostAsJsonAsync("/api/patients", Requests.Patient("Burst", $"B{i}")));
            Count(statuses, await admin.GetAsync("/api/patients?name=burst&limit=5"));
        }));
        await connections.DisposeAsync();

        output.WriteLine($"{string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; peak {connections.Max} connections ({connections.Split})");
        Assert.Equal([200, 201], statuses.Keys.Order());
        Assert.True(connections.Max <= 3, $"{connections.Max} connections at the peak ({connections.Split})");
    }

    private static void Count(ConcurrentDictionary<int, int> statuses, HttpResponseMessage response) =>
        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
}
