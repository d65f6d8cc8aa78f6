using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Silo.Lake;
using Personalization.Silo.Storage.S3;
using Personalization.Tests.Durability;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Metrics;

/// <summary>The product meter reports the silo's own S3 and lake counters, on a real silo writing to s3rver.</summary>
[Collection(S3Collection.Name)]
public sealed class ProductMetricsTests(S3Server s3)
{
    private const int Events = 3;

    [Fact]
    public async Task S3_requests_and_lake_writes_are_scraped_as_the_silo_counts_them()
    {
        await using var host = await ProductHost.StartAsync([.. s3.Arguments(), "--Snapshots:FlushInterval=00:00:00.500", "--Lake:MaxBatchAge=00:00:00.500"]);
        var customer = TestEvents.Unique("metered");
        using var ingest = host.Ingest();
        (await ingest.PostAsJsonAsync("/v1/events", new JsonArray([.. Enumerable.Range(1, Events).Select(m => TestEvents.Viewed(customer, $"p-{m}", minute: m))]))).EnsureSuccessStatusCode();

        using var scraper = new HttpClient();
        var endpoint = new Uri(host.BaseAddress, "/metrics");
        var text = await Eventually.Matches(() => PrometheusText.ScrapeAsync(scraper, endpoint),
            t => PrometheusText.Samples(t, "personalization_lake_rows_written_total").Any(s => s.EndsWith($" {Events}", StringComparison.Ordinal)) &&
                 PrometheusText.Samples(t, "personalization_lake_files_written_total").Any(s => !s.EndsWith(" 0", StringComparison.Ordinal)));

        // All events are in the lake, so no more files are coming; S3 requests go on (snapshot flushes) and only grow.
        var lake = host.Services.GetRequiredService<LakeWriter>();
        var s3Requests = host.Services.GetRequiredService<S3RequestCounter>();
        var files = PrometheusText.Value(text, "personalization_lake_files_written_total");
        var puts = PrometheusText.Value(text, "personalization_s3_requests_total", "method=\"PUT\"");
        Assert.Equal(Events, lake.RowsWritten);
        Assert.Equal(lake.FilesWritten, files);
        Assert.InRange(puts, files, s3Requests.Puts);
        Assert.InRange(PrometheusText.Value(text, "personalization_s3_request_failures_total"), 0, s3Requests.Failures);
    }
}
