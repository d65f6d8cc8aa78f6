using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Domain;
using Personalization.Grains;
using Personalization.Silo.Lake;
using Personalization.Silo.Storage;
using Personalization.Silo.Storage.S3;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

/// <summary>
/// S3 goes away in the middle of ingestion: events keep being accepted and queries keep answering from
/// grain memory; failed flushes leave the state dirty; once S3 is back the flushes catch up and every
/// snapshot and the lake hold every event.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class S3OutageTests(S3Server s3)
{
    private const int Customers = 10;

    [Fact]
    public async Task An_S3_outage_loses_nothing_and_never_blocks_queries()
    {
        var prefix = TestEvents.Unique("outage-lake");
        await using var host = await ProductHost.StartAsync(
            [.. s3.Arguments(), "--Snapshots:FlushInterval=00:00:00.300", $"--Lake:Prefix={prefix}", "--Lake:MaxBatchAge=00:00:00.500"]);
        var counter = host.Services.GetRequiredService<S3RequestCounter>();
        var lake = host.Services.GetRequiredService<LakeWriter>();
        var format = host.Services.GetRequiredService<SnapshotFormat>();
        var run = TestEvents.Unique("o");
        var customers = Enumerable.Range(0, Customers).Select(c => $"{run}-c{c}").ToList();
        using var ingest = host.Ingest();
        using var storefront = host.Storefront();

        // Before: 3 events per customer, flushed to S3.
        await SendAsync(ingest, customers, round: 0);
        await WaitForCountsAsync(host, customers, 3);
        await WaitForSnapshotsAsync(format, customers, 3);

        // Queries before the outage activate what they read (offer composition, content index, boards).
        foreach (var customer in customers)
        {
            Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync($"/v1/customers/{customer}/offers?limit=5")).StatusCode);
        }

        // Outage: S3 stops; ingestion and queries go on.
        await s3.StopAsync();
        try
        {
            await DuringOutageAsync(host, counter, ingest, storefront, customers);
        }
        finally
        {
            await s3.StartAsync();
        }

        // Back: the dirty grains flush and the lake writes its held batches.
        await WaitForSnapshotsAsync(format, customers, 9);
        await Eventually.Matches(() => Task.FromResult(lake.RowsWritten), rows => rows == Customers * 9, TimeSpan.FromSeconds(30));
        var lakeFiles = await s3.KeysAsync(prefix + "/");
        Assert.NotEmpty(lakeFiles);
    }

    private static async Task DuringOutageAsync(ProductHost host, S3RequestCounter counter, HttpClient ingest, HttpClient storefront, List<string> customers)
    {
        var failuresBefore = counter.Failures;
        await SendAsync(ingest, customers, round: 1);
        await SendAsync(ingest, customers, round: 2);
        await WaitForCountsAsync(host, customers, 9);
        await Eventually.Matches(() => Task.FromResult(counter.Failures - failuresBefore), failed => failed >= Customers);
        foreach (var customer in customers)
        {
            var offers = await storefront.GetAsync($"/v1/customers/{customer}/offers?limit=5");
            Assert.Equal(HttpStatusCode.OK, offers.StatusCode);
        }
    }

    private static async Task SendAsync(HttpClient ingest, List<string> customers, int round)
    {
        var batch = new JsonArray();
        foreach (var customer in customers)
        {
            for (var i = 0; i < 3; i++) batch.Add(TestEvents.Viewed(customer, $"outage-p{i}", minute: round * 3 + i, category: "outage"));
        }

        (await ingest.PostAsJsonAsync("/v1/events", batch)).EnsureSuccessStatusCode();
    }

    private static Task WaitForCountsAsync(ProductHost host, List<string> customers, long each) =>
        Eventually.Matches(
            async () => (await Task.WhenAll(customers.Select(c => host.Grains.GetGrain<ICustomerGrain>(c).GetSnapshot()))).Select(s => s.EventCount).ToList(),
            counts => counts.All(c => c == each), TimeSpan.FromSeconds(30));

    /// <summary>Reads each customer's snapshot straight from S3 and decodes its event count.</summary>
    private Task WaitForSnapshotsAsync(SnapshotFormat format, List<string> customers, long each) =>
        Eventually.Matches(async () =>
        {
            var counts = new List<long>();
            foreach (var customer in customers)
            {
                var key = $"snapshots/{SnapshotKey.Of("customer-behaviour", GrainId.Create("customer", customer)).Fanout}/customer-behaviour/customer%2F{customer}.bin";
                var keys = await s3.KeysAsync(key);
                counts.Add(keys.Count == 0 ? 0 : format.Decode<CustomerBehaviour>(await s3.ReadAsync(key), key).Counters.Total);
            }

            return counts;
        }, counts => counts.All(c => c == each), TimeSpan.FromSeconds(30));
}
