using System.Net;
using Personalization.Api.Access;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Metrics;

/// <summary>
/// The real silo host with a dedicated metrics listener and loopback not trusted on the API port, as a cluster
/// runs it: the listener serves Prometheus text without a key and nothing else; the API port wants the admin key.
/// </summary>
public sealed class SiloMetricsEndpointTests : IAsyncLifetime
{
    private readonly int _metricsPort = FreePort.Next();
    private ProductHost _host = null!;

    private Uri Listener => new($"http://127.0.0.1:{_metricsPort}/metrics");

    public async Task InitializeAsync() => _host = await ProductHost.StartAsync(
    [
        "--Storage:Provider=memory",
        $"--Metrics:Url=http://127.0.0.1:{_metricsPort}",
        "--Metrics:AllowLoopback=false",
    ]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_listener_serves_orleans_http_and_product_metrics_without_a_key()
    {
        using var storefront = _host.Storefront();
        var customer = TestEvents.Unique("metrics");
        Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync($"/v1/customers/{customer}/offers")).StatusCode);

        using var scraper = new HttpClient();
        // ASP.NET Core records a request's duration as the request ends, which may be just after the client has the answer.
        var text = await Eventually.Matches(() => PrometheusText.ScrapeAsync(scraper, Listener),
            t => PrometheusText.Samples(t, "http_server_request_duration_seconds_count").Any(s => s.Contains("http_route=\"/v1/customers/{customerId}/offers\"", StringComparison.Ordinal)));

        // The offers call activated an offer grain; Orleans counts activations per grain type.
        Assert.Contains(PrometheusText.Samples(text, "orleans_catalog_activations"), s => s.Contains("grain_type=\"offer\"", StringComparison.Ordinal));
        Assert.Equal(["personalization_ranking_model_loaded{otel_scope_name=\"Personalization\",version=\"heuristic\"} 0"],
            PrometheusText.Samples(text, "personalization_ranking_model_loaded"));
        Assert.Contains(PrometheusText.Samples(text, "dotnet_process_memory_working_set_bytes"), s => !s.EndsWith(" 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_listener_serves_nothing_but_the_scrape_endpoint()
    {
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}") };
        admin.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentKeys.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/customers/c1/offers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task On_the_api_port_a_scrape_needs_the_admin_key_when_loopback_is_not_trusted()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        using var storefront = _host.Storefront();
        using var admin = _host.Client(DevelopmentKeys.Admin);

        var refused = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("urn:personalization:problem:unauthorized", (await Http.HttpJson.Json(refused)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await storefront.GetAsync("/metrics")).StatusCode);
        Assert.NotEmpty(PrometheusText.Samples(await PrometheusText.ScrapeAsync(admin, new Uri(_host.BaseAddress, "/metrics")), "orleans_catalog_activations"));
    }
}
