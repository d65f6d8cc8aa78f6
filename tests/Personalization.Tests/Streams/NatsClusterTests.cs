using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Log;
using Personalization.Silo.Streams.Nats;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Streams;

/// <summary>Silos consuming a real NATS JetStream log that a non-Orleans producer writes.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsClusterTests(NatsServer nats)
{
    [Fact]
    public async Task External_json_events_reach_grains_bad_ones_are_dead_lettered_and_lag_drains()
    {
        var options = LogCluster.OptionsFor(nats.Url);
        var products = Enumerable.Range(0, 3).Select(_ => TestEvents.Unique("p")).ToArray();
        var shoppers = Enumerable.Range(0, 4).Select(_ => TestEvents.Unique("c")).ToArray();
        var expected = products.ToDictionary(p => p, _ => 0L);
        using var deadLetters = new DeadLetterCounter();

        // Written before any silo runs: the whole backlog is lag.
        await using var transport = new NatsLogTransport(options);
        await transport.EnsureReadyAsync(CancellationToken.None);
        var status = LogTestKit.StatusOf(transport, options);
        await using var producer = new ExternalProducer(options);
        for (var i = 0; i < 30; i++)
        {
            var product = products[i % products.Length];
            expected[product]++;
            await producer.PublishAsync(shoppers[i % shoppers.Length], TestEvents.Viewed(shoppers[i % shoppers.Length], product, minute: i).ToJsonString());
        }

        await producer.PublishAsync(shoppers[0], "{ broken");
        await producer.PublishAsync(shoppers[1], TestEvents.Event("Product Viewed", shoppers[1], null, 0, new() { ["product_id"] = products[0], ["price"] = -5 }).ToJsonString());
        Assert.Equal(32, (await status.GetAsync(CancellationToken.None)).TotalLag);

        await using var cluster = await LogCluster.StartAsync(options);
        foreach (var product in products)
        {
            await Eventually.Matches(() => cluster.ViewsOf(product), views => views == expected[product]);
        }

        var letters = await Eventually.Matches(() => transport.ReadDeadLettersAsync(10, CancellationToken.None), l => l.Count == 2);
        Assert.Equal(["not-json", "out-of-range"], letters.Select(l => l.Reason).Order());
        Assert.All(letters, l => Assert.Equal(DeadLetterSources.Log, l.Source));
        Assert.Contains(letters, l => l.Payload == "{ broken" && l.Key is null);
        await Eventually.Matches(() => Task.FromResult(deadLetters.Total), total => total == 2);

        var drained = await Eventually.Matches(() => status.GetAsync(CancellationToken.None), s => s.TotalLag == 0);
        Assert.Equal(4, drained.Partitions.Count);
        Assert.All(drained.Partitions.Where(p => p.CommittedOffset is not null), p => Assert.Equal(0, p.Lag));
        foreach (var product in products) Assert.Equal(expected[product], await cluster.ViewsOf(product));
    }

    [Fact]
    public async Task A_silo_stopped_mid_stream_loses_nothing_and_applies_nothing_twice()
    {
        var options = LogCluster.OptionsFor(nats.Url);
        var products = Enumerable.Range(0, 6).Select(_ => TestEvents.Unique("p")).ToArray();
        var shoppers = Enumerable.Range(0, 12).Select(_ => TestEvents.Unique("c")).ToArray();
        var expected = products.ToDictionary(p => p, _ => 0L);
        await using var producer = new ExternalProducer(options);
        await using var cluster = await LogCluster.StartAsync(options);
        var minute = 0;

        async Task Produce(int count)
        {
            for (var i = 0; i < count; i++, minute++)
            {
                var product = products[minute % products.Length];
                expected[product]++;
                var shopper = shoppers[minute % shoppers.Length];
                await producer.PublishAsync(shopper, TestEvents.Viewed(shopper, product, minute: minute).ToJsonString());
            }
        }

        async Task<long> Applied() => (await Task.WhenAll(products.Select(cluster.ViewsOf))).Sum();

        await Produce(150);
        await Eventually.Matches(Applied, applied => applied >= 60);

        // Events keep flowing while the second silo stops (its grains flush, its partitions move), and after.
        var flowing = Produce(300);
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[1]);
        await flowing;
        await cluster.Cluster.StartAdditionalSiloAsync();
        await Produce(150);

        var status = cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.Silos[0].SiloAddress).GetRequiredService<Personalization.Api.Streams.IStreamStatusSource>();
        await Eventually.Matches(() => status.GetAsync(CancellationToken.None), s => s.TotalLag == 0, TimeSpan.FromSeconds(60));
        foreach (var product in products) Assert.Equal(expected[product], await cluster.ViewsOf(product));
        Assert.Equal(600, await Applied());
    }

    /// <summary>Counts dead letters reported on the Personalization.Streams meter while the test runs.</summary>
    private sealed class DeadLetterCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public DeadLetterCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StreamMetrics.MeterName && instrument.Name == "personalization.streams.dead_letters") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
