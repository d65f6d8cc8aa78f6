using System.Diagnostics;
using HdrHistogram;
using Personalization.Bench.Measure;
using Personalization.Bench.Report;
using Personalization.Bench.Systems;
using Personalization.Bench.Workload;
using Personalization.Events;
using Personalization.Queries;

namespace Personalization.Bench;

/// <summary>
/// Runs the measurement suite for one system on one scenario, in its own process so that memory
/// figures (managed heap, RSS) belong to that system alone.
/// </summary>
public sealed class SystemRunner(IBenchSystem system, Scenario scenario)
{
    private const int RequestPool = 1 << 16;

    public async Task<SystemResult> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var workload = WorkloadGenerator.Generate(scenario.Shape);
        Log($"generated {scenario.Shape} in {clock.Elapsed.TotalSeconds:F1}s");

        await system.StartAsync(workload);
        var baseline = system.Memory();
        await system.LoadCatalogAsync(workload.Products);
        var afterCatalog = system.Memory();
        Log($"catalogue loaded ({workload.Products.Length:N0} products)");

        // The log is split among the ingestion paths, in order; each share is timed until applied.
        var paths = system.IngestPaths;
        var shareSize = (workload.Events.Length + 1) / 2;
        var ingestion = new List<IngestResult>();
        var expected = new ExpectedCounts();
        for (var share = 0; share * shareSize < workload.Events.Length; share++)
        {
            var slice = workload.Events.AsSpan(share * shareSize, Math.Min(shareSize, workload.Events.Length - share * shareSize)).ToArray();
            foreach (var evt in slice) expected.Add(evt);
            var path = paths[Math.Min(share, paths.Count - 1)];
            var started = Stopwatch.GetTimestamp();
            await path.IngestUntilApplied(slice, expected);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            ingestion.Add(new IngestResult(path.Name, slice.Length, Math.Round(seconds, 3), Math.Round(slice.Length / seconds)));
            Log($"ingested {slice.Length:N0} events via {path.Name}: {slice.Length / seconds:N0} events/s");
        }

        var mismatches = await system.VerifyAsync(expected);
        Log($"verified: {mismatches} counters differ from the log");
        var afterEvents = system.Memory();
        var memory = new MemoryResult(
            workload.Products.Length, workload.Customers.Length, expected.Sessions.Count, baseline, afterCatalog, afterEvents,
            Math.Round((afterCatalog.Managed - baseline.Managed) / (double)workload.Products.Length, 1),
            Math.Round((afterCatalog.Resident - baseline.Resident) / (double)workload.Products.Length, 1),
            Math.Round((afterEvents.Managed - afterCatalog.Managed) / (double)workload.Customers.Length, 1),
            Math.Round((afterEvents.Resident - afterCatalog.Resident) / (double)workload.Customers.Length, 1));

        var queries = new List<QueryResult>();
        var freshness = new List<FreshnessResult>();
        if (scenario.Queries)
        {
            var requests = OfferRequests(workload);
            var similar = SimilarRequests(workload);
            foreach (var path in system.QueryPaths)
            {
                queries.Add(await MeasureAsync(path.Name, "offers", i => Discard(path.Offers(requests[i % RequestPool]))));
                queries.Add(await MeasureAsync(path.Name, "similar", i => Discard(path.Similar(similar[i % RequestPool]))));
            }

            var probe = 0;
            foreach (var path in scenario.FreshnessProbes > 0 ? paths : [])
                freshness.Add(await FreshnessAsync(workload, path, system.QueryPaths[0], () => probe++));
        }

        return new SystemResult(system.Name, scenario.Name, scenario.Shape, system.AppliedDefinition, ingestion, mismatches, queries, freshness, memory, system.Extras());
    }

    private async Task<QueryResult> MeasureAsync(string path, string query, Func<int, ValueTask> operation)
    {
        // Warm-up: JIT tiers, connection pools, grain activations of the stateless workers.
        await ClosedLoop.MaxThroughputAsync(8, TimeSpan.FromSeconds(Math.Min(1, scenario.ThroughputSeconds)), operation);
        var rates = new List<LatencySummary>();
        foreach (var rate in scenario.Rates)
        {
            var summary = await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(scenario.RateSeconds), operation);
            rates.Add(summary);
            Log($"{query} via {path} at {rate}/s: p50 {summary.P50Ms} ms, p99 {summary.P99Ms} ms, p99.9 {summary.P999Ms} ms, errors {summary.Errors}{(summary.Saturated ? ", SATURATED" : "")}");
        }

        var callers = system is InProcessSystem ? Environment.ProcessorCount : 64;
        var max = await ClosedLoop.MaxThroughputAsync(callers, TimeSpan.FromSeconds(scenario.ThroughputSeconds), operation);
        Log($"{query} via {path}: max {max:N0}/s with {callers} callers");
        return new QueryResult(path, query, rates, Math.Round(max));
    }

    /// <summary>
    /// A brand-new shopper views the most popular product; the probe measures from the moment the
    /// ingestion path accepted the event until the shopper's offers are personalized by it.
    /// </summary>
    private async Task<FreshnessResult> FreshnessAsync(GeneratedWorkload workload, IngestPath ingest, QueryPath query, Func<int> nextProbe)
    {
        var histogram = new HdrHistogram.LongHistogram(HdrHistogram.TimeStamp.Seconds(60), 3);
        var timedOut = 0;
        var product = workload.Products[0];
        for (var i = 0; i < scenario.FreshnessProbes; i++)
        {
            var n = nextProbe();
            var request = new OfferRequest { CustomerId = $"fresh-{n}", SessionId = $"fresh-session-{n}", Limit = 10 };
            var evt = new ShopperEvent
            {
                MessageId = $"fresh-event-{n}",
                Kind = EventKind.ProductViewed,
                UserId = request.CustomerId,
                SessionKey = request.SessionId,
                Timestamp = workload.EndTime.AddSeconds(n),
                ProductId = product.Id,
                Category = product.Category,
                Brand = product.Brand,
                Price = product.Price,
                Quantity = 1,
            };
            await ingest.Accept(evt);
            var accepted = Stopwatch.GetTimestamp();
            var deadline = accepted + 5 * Stopwatch.Frequency;
            while (!await query.Offers(request))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    timedOut++;
                    break;
                }
            }

            histogram.RecordValue(Stopwatch.GetTimestamp() - accepted);
            await Task.Delay(5);
        }

        double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
        var result = new FreshnessResult(ingest.Name, query.Name, scenario.FreshnessProbes, timedOut,
            Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetMaxValue()));
        Log($"freshness via {ingest.Name}: p50 {result.P50Ms} ms, p99 {result.P99Ms} ms, timed out {timedOut}");
        return result;
    }

    private static OfferRequest[] OfferRequests(GeneratedWorkload workload)
    {
        var random = new Random(workload.Shape.Seed + 1);
        return [.. Enumerable.Range(0, RequestPool).Select(_ =>
        {
            var customer = workload.Customers[random.Next(workload.Customers.Length)];
            return new OfferRequest { CustomerId = customer, SessionId = workload.LastSession[customer], Limit = 10 };
        })];
    }

    private static string[] SimilarRequests(GeneratedWorkload workload)
    {
        var random = new Random(workload.Shape.Seed + 2);
        return [.. Enumerable.Range(0, RequestPool).Select(_ => workload.ProductId(workload.Popularity.Next(random)))];
    }

    private static async ValueTask Discard<T>(ValueTask<T> task) => await task;

    private void Log(string message) => Console.Error.WriteLine($"[{system.Name}/{scenario.Name}] {message}");
}
