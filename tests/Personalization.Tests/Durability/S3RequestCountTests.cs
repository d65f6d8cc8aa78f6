using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Grains;
using Personalization.Silo.Storage.S3;
using Personalization.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalization.Tests.Durability;

/// <summary>
/// The cost model of docs/durability.md, measured: S3 requests follow the number of dirty grains per
/// flush, not the number of events. The same shape of traffic (K customers, P products) is sent at two
/// volumes; each round ends with one flush of every grain (deactivation), and both rounds cost about
/// one PUT per dirty grain and one GET per activated state, whatever the number of events.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class S3RequestCountTests(S3Server s3, ITestOutputHelper output)
{
    private const int Customers = 50;
    private const int Products = 20;

    [Fact]
    public async Task S3_requests_grow_with_dirty_grains_not_with_events()
    {
        // The flush timer never fires within the test: deactivation is the one flush.
        await using var host = await ProductHost.StartAsync([.. s3.Arguments(), "--Snapshots:FlushInterval=01:00:00", "--Lake:Enabled=false"]);
        var counter = host.Services.GetRequiredService<S3RequestCounter>();

        var small = await RoundAsync(host, counter, events: 1_000);
        var large = await RoundAsync(host, counter, events: 10_000);
        output.WriteLine($"1,000 events:  {small}");
        output.WriteLine($"10,000 events: {large}");

        output.WriteLine($"S3 requests per 10,000 events (one flush of every dirty grain): {large.Puts + large.Gets}");

        // Dirty grains per round: every customer, its session (derived from the customer), every product,
        // and two trending boards (all, category:shoes). A board that the collection catches while a
        // product's last report is still on its way is activated (and written) once more, so the bound
        // has some room; what matters is that ten times the events cost the same number of requests.
        const int dirtyGrains = Customers + Customers + Products + 2;
        Assert.InRange(small.Puts, dirtyGrains, dirtyGrains * 3 / 2);
        Assert.InRange(large.Puts, dirtyGrains, dirtyGrains * 3 / 2);

        // Activations read their snapshots: customer (behaviour + profile), session, product (behaviour + record), trending board.
        const int reads = Customers * 2 + Customers + Products * 2 + 2;
        Assert.InRange(small.Gets, reads, reads * 3 / 2);
        Assert.InRange(large.Gets, reads, reads * 3 / 2);
        Assert.Equal(0, small.Failures + large.Failures);
    }

    private static async Task<Requests> RoundAsync(ProductHost host, S3RequestCounter counter, int events)
    {
        var round = TestEvents.Unique("r");
        var before = new Requests(counter.Puts, counter.Gets, counter.Failures);
        using var ingest = host.Ingest();
        for (var start = 0; start < events; start += 1_000)
        {
            var batch = new JsonArray();
            for (var i = start; i < start + 1_000; i++)
            {
                batch.Add(TestEvents.Viewed($"{round}-c{i % Customers}", $"{round}-p{i % Products}", minute: i / 100, category: "shoes"));
            }

            (await ingest.PostAsJsonAsync("/v1/events", batch)).EnsureSuccessStatusCode();
        }

        // Every grain has applied every event (customers, their sessions, products), so no delivery is in
        // flight when the collection below deactivates them.
        var customers = Enumerable.Range(0, Customers).Select(c => host.Grains.GetGrain<ICustomerGrain>($"{round}-c{c}")).ToList();
        var sessions = Enumerable.Range(0, Customers).Select(c => host.Grains.GetGrain<ISessionGrain>($"auto:{round}-c{c}")).ToList();
        var products = Enumerable.Range(0, Products).Select(p => host.Grains.GetGrain<IProductGrain>($"{round}-p{p}")).ToList();
        await Eventually.Matches(
            async () => (await Task.WhenAll(customers.Select(c => c.GetSnapshot()))).Sum(s => s.EventCount), total => total == events, TimeSpan.FromSeconds(60));
        await Eventually.Matches(
            async () => (await Task.WhenAll(sessions.Select(s => s.GetSnapshot()))).Sum(s => s.EventCount), total => total == events, TimeSpan.FromSeconds(60));
        await Eventually.Matches(
            async () => (await Task.WhenAll(products.Select(p => p.GetView()))).Sum(v => v.EventCounts.Values.Sum()), total => total == events, TimeSpan.FromSeconds(60));

        // One flush of everything: deactivating an idle grain writes its snapshot if it is dirty. Grains
        // still busy with the last deliveries are not idle yet, so collect until none is left.
        var management = host.Grains.GetGrain<IManagementGrain>(0);
        await Eventually.Matches(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            return (await management.GetSimpleGrainStatistics())
                .Where(s => s.GrainType.StartsWith("Personalization.", StringComparison.Ordinal) && s.ActivationCount > 0)
                .Select(s => $"{s.GrainType}: {s.ActivationCount}").ToList();
        }, active => active.Count == 0, TimeSpan.FromSeconds(30));

        return new Requests(counter.Puts - before.Puts, counter.Gets - before.Gets, counter.Failures - before.Failures);
    }

    private sealed record Requests(long Puts, long Gets, long Failures)
    {
        public override string ToString() => $"{Puts} PUT, {Gets} GET, {Failures} failed";
    }
}
