using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Features;
using Personalization.Grains;
using Personalization.Silo.Lake.Features;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

/// <summary>
/// Events go in through the real host, grains flush, and feature Parquet files appear on the S3 server
/// (or the local directory), read back with the low-level column reader.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class FeatureLakeTests(S3Server s3)
{
    [Fact]
    public async Task Flushed_customers_and_products_land_on_S3_as_feature_snapshots_with_the_counters_sent()
    {
        var prefix = TestEvents.Unique("features");
        await using var host = await ProductHost.StartAsync(
        [
            .. s3.Arguments(), $"--Lake:Prefix={prefix}", "--Snapshots:FlushInterval=00:00:00.500",
            "--Lake:FeatureSnapshots:MaxBatchAge=00:00:01",
        ]);
        var shoe = TestEvents.Unique("shoe");
        var boot = TestEvents.Unique("boot");
        var customers = Enumerable.Range(0, 3).Select(_ => TestEvents.Unique("feature-shopper")).ToList();
        var events = new JsonArray();
        foreach (var customer in customers)
        {
            events.Add(TestEvents.Viewed(customer, shoe, minute: 1, category: "shoes"));
            events.Add(TestEvents.Viewed(customer, boot, minute: 2, category: "shoes"));
            events.Add(TestEvents.Added(customer, boot, minute: 3));
            events.Add(TestEvents.Ordered(customer, null, 4, boot));
        }

        using var ingest = host.Ingest();
        (await ingest.PostAsJsonAsync("/v1/events", events)).EnsureSuccessStatusCode();

        var customerRows = await Eventually.Matches(() => LatestRowsAsync($"{prefix}/features/customers/", "customer_id"),
            rows => customers.All(c => rows.GetValueOrDefault(c)?.Counters["events"] == 4), TimeSpan.FromSeconds(30));
        foreach (var customer in customers)
        {
            var row = customerRows[customer];
            Assert.Equal((2L, 1L, 1L), (row.Counters["product_views"], row.Counters["cart_adds"], row.Counters["orders"]));
            Assert.Equal([boot, shoe], row.Lists["recent_product_ids"].Order());
            Assert.Equal([boot], row.Lists["recent_purchase_ids"]);
            Assert.Contains("shoes", row.Lists["top_categories"]);
        }

        var productRows = await Eventually.Matches(() => LatestRowsAsync($"{prefix}/features/products/", "product_id"),
            rows => rows.GetValueOrDefault(boot)?.Counters["events"] == 9 && rows.GetValueOrDefault(shoe)?.Counters["events"] == 3, TimeSpan.FromSeconds(30));
        Assert.Equal((3L, 3L, 3L, 3L), (productRows[boot].Counters["views"], productRows[boot].Counters["cart_adds"], productRows[boot].Counters["orders"], productRows[boot].Counters["units_sold"]));
        Assert.Equal(3L, productRows[shoe].Counters["views"]);

        var keys = await s3.KeysAsync($"{prefix}/features/");
        Assert.All(keys, key => Assert.Matches($@"^{prefix}/features/(customers|products)/date=\d{{4}}-\d{{2}}-\d{{2}}/hour=\d{{2}}/part-\d{{8}}T\d{{6}}Z-[0-9a-f]{{32}}\.parquet$", key));
    }

    [Fact]
    public async Task The_flush_at_shutdown_lands_in_the_local_lake_after_the_grains_deactivated()
    {
        // Neither the flush timer nor a batch bound fires during the test: only shutdown writes.
        var directory = Path.Combine(Path.GetTempPath(), TestEvents.Unique("pz-features"));
        var product = TestEvents.Unique("lamp");
        try
        {
            await using (var host = await ProductHost.StartAsync(
            [
                "--Storage:Provider=local", $"--Storage:Directory={directory}", "--Snapshots:FlushInterval=01:00:00",
                "--Lake:FeatureSnapshots:MaxBatchAge=01:00:00",
            ]))
            {
                using var ingest = host.Ingest();
                var events = new JsonArray(
                    TestEvents.Viewed(TestEvents.Unique("night-shopper"), product, minute: 1),
                    TestEvents.Viewed(TestEvents.Unique("night-shopper"), product, minute: 2));
                (await ingest.PostAsJsonAsync("/v1/events", events)).EnsureSuccessStatusCode();
                var grain = host.Grains.GetGrain<IProductGrain>(product);
                await Eventually.Matches(async () => (await grain.GetView()).EventCounts.GetValueOrDefault("Product Viewed"), views => views == 2);
            }

            var files = Directory.GetFiles(Path.Combine(directory, "lake", "features", "products"), "*.parquet", SearchOption.AllDirectories);
            var rows = new List<FeatureRow>();
            foreach (var file in files) rows.AddRange(await FeatureRow.ReadAllAsync(await File.ReadAllBytesAsync(file), "product_id"));
            var row = Assert.Single(rows, r => r.Id == product);
            Assert.Equal(2L, row.Counters["views"]);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_stored_state_there_are_no_feature_snapshots()
    {
        await using var host = await ProductHost.StartAsync(["--Storage:Provider=memory"]);

        Assert.IsType<NoFeatureSnapshots>(host.Services.GetRequiredService<IFeatureSnapshotSink>());
        Assert.Null(host.Services.GetService<FeatureSnapshotWriter>());
    }

    /// <summary>The latest row per id (max snapshot_time) over every feature file under a prefix.</summary>
    private async Task<Dictionary<string, FeatureRow>> LatestRowsAsync(string prefix, string idColumn)
    {
        var latest = new Dictionary<string, FeatureRow>(StringComparer.Ordinal);
        foreach (var key in await s3.KeysAsync(prefix))
        {
            foreach (var row in await FeatureRow.ReadAllAsync(await s3.ReadAsync(key), idColumn))
            {
                if (!latest.TryGetValue(row.Id, out var seen) || seen.SnapshotTime < row.SnapshotTime) latest[row.Id] = row;
            }
        }

        return latest;
    }
}
