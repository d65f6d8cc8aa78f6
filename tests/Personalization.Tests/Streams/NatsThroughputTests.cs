using System.Diagnostics;
using System.Globalization;
using Personalization.Silo.Streams.Log;
using Personalization.Silo.Streams.Nats;
using Personalization.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalization.Tests.Streams;

/// <summary>
/// A measurement, not a check of speed: appends external JSON events to a real NATS log (5,000 in the suite,
/// STREAM_THROUGHPUT_EVENTS=N for a longer run), then starts a two-silo cluster and prints the append rate
/// and the rate at which grains drained the backlog (all applied and committed). Only correctness is asserted:
/// every event counted exactly once.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class NatsThroughputTests(NatsServer nats, ITestOutputHelper output)
{
    private const int SuiteEvents = 5_000;

    [Fact]
    public async Task Sustained_events_per_second_through_nats()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("STREAM_THROUGHPUT_EVENTS"), out var n) && n > 0 ? n : SuiteEvents;
        var options = LogCluster.OptionsFor(nats.Url);
        options.Partitions = 8;
        options.CommitInterval = TimeSpan.FromMilliseconds(500);
        var products = Enumerable.Range(0, 200).Select(_ => TestEvents.Unique("p")).ToArray();
        var shoppers = Enumerable.Range(0, 2000).Select(_ => TestEvents.Unique("c")).ToArray();
        await using var transport = new NatsLogTransport(options);
        await transport.EnsureReadyAsync(CancellationToken.None);
        var status = LogTestKit.StatusOf(transport, options);
        await using var producer = new ExternalProducer(options);

        // Phase 1: an external producer appends the backlog (each write waits for JetStream's ack).
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, total, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (i, _) =>
        {
            var shopper = shoppers[i % shoppers.Length];
            await producer.PublishAsync(shopper, TestEvents.Viewed(shopper, products[i % products.Length], minute: i % 1000).ToJsonString());
        });
        var appended = clock.Elapsed;

        // Phase 2: silos start and drain it; the time counts from before the silos start, so it includes their start-up.
        clock.Restart();
        await using var cluster = await LogCluster.StartAsync(options);
        var started = clock.Elapsed;
        await Eventually.Matches(() => status.GetAsync(CancellationToken.None), s => s.TotalLag == 0, TimeSpan.FromMinutes(10));
        var drained = clock.Elapsed;

        long views = 0;
        foreach (var product in products) views += await cluster.ViewsOf(product);
        Assert.Equal(total, views);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"NATS log, {options.Partitions} partitions, {total} events. Append (external producer, 128 in flight): {appended.TotalSeconds:0.0} s, {total / appended.TotalSeconds:0} events/s. " +
            $"Consume (2 in-process silos, from silo start to all applied and committed): {drained.TotalSeconds:0.0} s, {total / drained.TotalSeconds:0} events/s; " +
            $"excluding the {started.TotalSeconds:0.0} s silo start-up: {total / (drained - started).TotalSeconds:0} events/s. Load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}."));
    }
}
