using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Personalization.Api.Access;
using Personalization.Client;
using Personalization.Client.Models;
using Personalization.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalization.Tests.Cluster;

/// <summary>
/// The product as operators run it: three silo processes and one standalone API process on loopback,
/// clustered through PostgreSQL, events on the NATS log, snapshots on S3 (s3rver), driven through the typed client. One silo is killed hard; the test waits
/// until the cluster declared it dead and every customer is served again, and prints the times.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class MultiProcessClusterTests(MultiProcessServers servers, ITestOutputHelper output)
{
    private const int Customers = 24;
    private const int ViewsPerCustomer = 4;
    private const int DeadStatus = 6;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_silos_and_a_client_api_serve_again_after_one_silo_is_killed()
    {
        var connectionString = await servers.Postgres.CreateDatabaseAsync("multiprocess");
        var siloDll = ProductProcess.Dll("silo/Personalization.Silo", "Personalization.Silo");
        var apiDll = ProductProcess.Dll("client/Personalization.Api.Host", "Personalization.Api.Host");
        var cluster = new[]
        {
            "--Cluster:Provider=postgres", $"--Cluster:ConnectionString={connectionString}", $"--Cluster:ClusterId={TestEvents.Unique("c")}",
            "--Streaming:Provider=nats", $"--Streaming:Nats:Url={servers.Nats.Url}",
            "--Logging:LogLevel:Default=Warning",
        };

        await using (var migrate = ProductProcess.Start("migrate", siloDll, ["migrate", $"--Cluster:ConnectionString={connectionString}"]))
        {
            Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, migrate.Output);
        }

        var silos = new List<(ProductProcess Process, int SiloPort)>();
        ProductProcess? api = null;
        try
        {
            (ProductProcess Process, int SiloPort) StartSilo(string name)
            {
                var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
                return (ProductProcess.Start(name, siloDll,
                [
                    .. cluster, $"--urls=http://127.0.0.1:{httpPort}", "--Cluster:AdvertisedAddress=127.0.0.1",
                    $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={gatewayPort}",
                    // Snapshots on S3, flushed every second, so a grain that moves finds its state; lake batches as
                    // often, since partitions commit only what the lake holds as well.
                    .. servers.S3.Arguments(), $"--Snapshots:FlushInterval={FlushInterval}", $"--Lake:MaxBatchAge={FlushInterval}",
                ], new Uri($"http://127.0.0.1:{httpPort}")), siloPort);
            }

            silos.AddRange(Enumerable.Range(0, 3).Select(i => StartSilo($"silo-{i}")));
            await Task.WhenAll(silos.Select(s => s.Process.WaitUntilHealthyAsync(StartTimeout)));
            var apiPort = FreePort.Next();
            api = ProductProcess.Start("client-api", apiDll, [.. cluster, $"--urls=http://127.0.0.1:{apiPort}"], new Uri($"http://127.0.0.1:{apiPort}"));
            await api.WaitUntilHealthyAsync(StartTimeout);

            using var http = new HttpClient();
            var ingest = new PersonalizationClient(http, new PersonalizationClientOptions { BaseAddress = api.BaseAddress, ApiKey = DevelopmentKeys.Ingest, AttemptTimeout = TimeSpan.FromSeconds(10) });
            var storefront = new PersonalizationClient(http, new PersonalizationClientOptions { BaseAddress = api.BaseAddress, ApiKey = DevelopmentKeys.Storefront, AttemptTimeout = TimeSpan.FromSeconds(10) });
            // One attempt, no retry: the recovery probe must see every failure the storefront would have to absorb.
            var probe = new PersonalizationClient(http, new PersonalizationClientOptions { BaseAddress = api.BaseAddress, ApiKey = DevelopmentKeys.Storefront, AttemptTimeout = TimeSpan.FromSeconds(5), MaxAttempts = 1 });
            using var admin = new HttpClient { BaseAddress = api.BaseAddress };
            admin.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentKeys.Admin);

            await Eventually.Matches(() => ActiveSilosAsync(admin), count => count == 3, StartTimeout);

            // Events flow: a catalogue, CRM records and views, all through the typed client and the standalone API.
            var customers = Enumerable.Range(0, Customers).Select(i => TestEvents.Unique($"shopper{i}")).ToArray();
            var products = Enumerable.Range(0, 12).Select(i => new ProductUpsert
            {
                Id = TestEvents.Unique($"p{i}"), Title = $"Product {i}", CategoryPath = ["Outdoor", i % 2 == 0 ? "Tents" : "Boots"],
                Brand = "Summit", Price = 20 + i, Currency = "EUR", Stock = 10,
            }).ToArray();
            Assert.Equal(products.Length, (await ingest.UpsertProductsAsync(products)).Accepted);
            Assert.Equal(Customers, (await ingest.UpsertCustomersAsync([.. customers.Select((c, i) => new CustomerUpsert { Id = c, Consent = true, Segment = Segment(i), StoreId = $"S{i}" })])).Accepted);
            var views = customers.SelectMany((c, i) => Enumerable.Range(0, ViewsPerCustomer).Select(v =>
                TrackEvent.ProductViewed(c, products[(i + v) % products.Length].Id, $"{c}-s", at: TestEvents.BaseTime.AddMinutes(v)))).ToArray();
            Assert.Equal(views.Length, (await ingest.TrackAsync(views)).Accepted);

            foreach (var customer in customers)
            {
                await Eventually.Matches(() => EventCountAsync(admin, customer), n => n == ViewsPerCustomer);
                Assert.True((await storefront.GetOffersAsync(customer)).Personalized);
            }

            // The log's offsets are committed once events reach their grains (the durability work may later hold
            // them until the state is flushed), so the events before the kill must be in snapshots first: every
            // customer has one, and a few flush intervals pass so the latest state is in it.
            await Eventually.Matches(async () => (await servers.S3.KeysAsync("snapshots/")).Count(k => k.Contains("/customer-behaviour/", StringComparison.Ordinal)), n => n >= Customers, TimeSpan.FromSeconds(30));
            await Task.Delay(5 * FlushInterval);

            var victim = silos[1];
            var clock = Stopwatch.StartNew();
            victim.Process.Kill();

            var acknowledged = customers.ToDictionary(c => c, _ => 0);
            TimeSpan? declaredDead = null, servedAgain = null, lastFailure = null;
            var slowestCall = TimeSpan.Zero;
            var failures = 0;
            var round = 0;
            while (servedAgain is null || declaredDead is null)
            {
                Assert.True(clock.Elapsed < RecoveryTimeout,
                    $"Not recovered within {RecoveryTimeout}: declared dead {declaredDead}, {failures} failed calls.\n{api.Output}\n{silos[0].Process.Output}");
                var roundFailed = false;
                foreach (var customer in customers)
                {
                    var call = Stopwatch.StartNew();
                    try
                    {
                        var offers = await probe.GetOffersAsync(customer);
                        Assert.True(offers.Personalized, $"{customer} was served non-personalized offers after the kill.");
                        Assert.NotEmpty(offers.Offers);
                    }
                    catch (Exception exception) when (exception is PersonalizationApiException or TimeoutException)
                    {
                        roundFailed = true;
                        failures++;
                        lastFailure = clock.Elapsed;
                    }

                    slowestCall = call.Elapsed > slowestCall ? call.Elapsed : slowestCall;
                }

                var roundEnd = clock.Elapsed;

                // Shoppers keep shopping during the outage; count what the API acknowledged.
                var during = customers.Select(c => TrackEvent.ProductViewed(c, products[round % products.Length].Id, $"{c}-s", at: TestEvents.BaseTime.AddMinutes(10 + round))).ToArray();
                var tracked = await ingest.TrackAsync(during);
                foreach (var item in tracked.Results.Where(r => r.IsAccepted)) acknowledged[customers[item.Index]]++;

                declaredDead ??= await SiloStatusAsync(connectionString, victim.SiloPort) == DeadStatus ? clock.Elapsed : null;
                // Served again: the end of the first round after the kill in which every customer got offers.
                if (!roundFailed) servedAgain ??= roundEnd;
                else servedAgain = null;
                round++;
            }

            Assert.Equal(2, await ActiveSilosAsync(admin));
            var report = $"Silo killed hard: declared dead in PostgreSQL after {declaredDead!.Value.TotalSeconds:0.0} s; " +
                $"every customer served again within {servedAgain!.Value.TotalSeconds:0.0} s of the kill " +
                $"({failures} failed offers calls, last at {lastFailure?.TotalSeconds ?? 0:0.0} s; slowest call {slowestCall.TotalMilliseconds:0} ms).";

            // Every event the API acknowledged, before and after the kill, is applied exactly once.
            foreach (var customer in customers)
            {
                var expected = ViewsPerCustomer + acknowledged[customer];
                await Eventually.Matches(() => EventCountAsync(admin, customer), n => n == expected, TimeSpan.FromSeconds(60));
            }

            report += $" Events acknowledged after the kill: {acknowledged.Values.Sum()}, all applied.";
            output.WriteLine(report);
            Console.WriteLine(report);

            // Full cluster restart: the survivors stop gracefully (deactivation flushes every grain's state),
            // three new silos start, and the API, which stayed up, reconnects to them on its own.
            var restart = Stopwatch.StartNew();
            foreach (var exitCode in await Task.WhenAll(silos.Where(s => !s.Process.HasExited).Select(s => s.Process.StopAsync(TimeSpan.FromSeconds(60)))))
            {
                Assert.Equal(0, exitCode);
            }

            var stopped = restart.Elapsed;
            silos.AddRange(Enumerable.Range(3, 3).Select(i => StartSilo($"silo-{i}")));
            await Task.WhenAll(silos.Skip(3).Select(s => s.Process.WaitUntilHealthyAsync(StartTimeout)));
            await Eventually.Matches(() => ActiveSilosOrZeroAsync(admin), count => count == 3, StartTimeout);

            // CRM records were written through to PostgreSQL; behaviour was flushed to S3 on the way down.
            for (var i = 0; i < Customers; i++)
            {
                var view = await admin.GetFromJsonAsync<JsonObject>($"/v1/customers/{customers[i]}");
                Assert.Equal(Segment(i), (string?)view!["profile"]?["segment"]);
                Assert.Equal($"S{i}", (string?)view["profile"]?["storeId"]);
                Assert.Equal(ViewsPerCustomer + acknowledged[customers[i]], view["eventCounts"]!.AsObject().Sum(p => (int)p.Value!));
            }

            var restarted = $"Full restart (graceful stop of the survivors, three new silos): stopped in {stopped.TotalSeconds:0.0} s, " +
                $"served again {(restart.Elapsed - stopped).TotalSeconds:0.0} s later with every CRM record and event count intact.";
            output.WriteLine(restarted);
            Console.WriteLine(restarted);
        }
        finally
        {
            if (api is not null) await api.DisposeAsync();
            foreach (var (process, _) in silos) await process.DisposeAsync();
        }
    }

    private static string Segment(int customer) => customer % 3 == 0 ? "vip" : "regular";

    /// <summary>Active silos as the API sees them; zero while it has no gateway (reconnecting).</summary>
    private static async Task<int> ActiveSilosOrZeroAsync(HttpClient admin)
    {
        try
        {
            return await ActiveSilosAsync(admin);
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task<int> ActiveSilosAsync(HttpClient admin)
    {
        var cluster = await admin.GetFromJsonAsync<JsonObject>("/v1/admin/cluster");
        return cluster!["silos"]!.AsArray().Count(s => (string?)s!["status"] == "Active");
    }

    private static async Task<int> EventCountAsync(HttpClient admin, string customerId)
    {
        var view = await admin.GetFromJsonAsync<JsonObject>($"/v1/customers/{customerId}");
        return view!["eventCounts"]!.AsObject().Sum(p => (int)p.Value!);
    }

    private static async Task<int?> SiloStatusAsync(string connectionString, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM orleans.orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("port", siloPort);
        return await command.ExecuteScalarAsync() as int?;
    }
}
