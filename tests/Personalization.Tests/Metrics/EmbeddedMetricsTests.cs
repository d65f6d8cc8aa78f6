using System.Net;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Metrics;

/// <summary>The embedded default: no extra listener, and a scrape from this machine needs no key.</summary>
[Collection(ApiCollection.Name)]
public sealed class EmbeddedMetricsTests(ApiHost host)
{
    [Fact]
    public async Task A_loopback_scrape_of_the_api_port_needs_no_key()
    {
        var text = await PrometheusText.ScrapeAsync(host.Client(null), new Uri(host.BaseAddress, "/metrics"));

        Assert.NotEmpty(PrometheusText.Samples(text, "orleans_catalog_activations"));
    }

    [Fact]
    public async Task The_scrape_endpoint_is_left_out_of_the_request_metrics_it_reports()
    {
        using var anonymous = host.Client(null);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);

        // /health is recorded like any request; once it shows, the scrapes before it on this connection were handled too.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        var text = await Eventually.Matches(() => PrometheusText.ScrapeAsync(anonymous, new Uri(host.BaseAddress, "/metrics")),
            t => PrometheusText.Samples(t, "http_server_request_duration_seconds_count").Any(s => s.Contains("http_route=\"/health\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(PrometheusText.Samples(text, "http_server_request_duration_seconds_count"), s => s.Contains("/metrics", StringComparison.Ordinal));
    }
}
