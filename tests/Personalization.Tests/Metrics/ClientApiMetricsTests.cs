using System.Net;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Metrics;

/// <summary>
/// The standalone client API as its own process (the executable operators deploy), an Orleans client of an
/// embedded silo on loopback: its metrics listener reports the Orleans client side and the HTTP requests it served.
/// </summary>
public sealed class ClientApiMetricsTests
{
    [Fact]
    public async Task The_client_api_process_reports_its_gateway_connection_and_requests()
    {
        var gatewayPort = FreePort.Next();
        await using var silo = await ProductHost.StartAsync(["--Storage:Provider=memory", $"--Orleans:GatewayPort={gatewayPort}"]);
        var (apiPort, metricsPort) = (FreePort.Next(), FreePort.Next());
        await using var api = ProductProcess.Start("client-api", ProductProcess.Dll("client/Personalization.Api.Host", "Personalization.Api.Host"),
        [
            $"--urls=http://127.0.0.1:{apiPort}", $"--ClusterClient:LocalGatewayPort={gatewayPort}",
            $"--Metrics:Url=http://127.0.0.1:{metricsPort}", "--Logging:LogLevel:Default=Warning",
        ], new Uri($"http://127.0.0.1:{apiPort}"));
        await api.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        using var storefront = new HttpClient { BaseAddress = api.BaseAddress };
        storefront.DefaultRequestHeaders.Add("X-Api-Key", Api.Access.DevelopmentKeys.Storefront);
        Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync($"/v1/products/{TestEvents.Unique("p")}/similar")).StatusCode);

        using var scraper = new HttpClient();
        var text = await Eventually.Matches(() => PrometheusText.ScrapeAsync(scraper, new Uri($"http://127.0.0.1:{metricsPort}/metrics")),
            t => PrometheusText.Samples(t, "http_server_request_duration_seconds_count").Any(s => s.Contains("http_route=\"/v1/products/{productId}/similar\"", StringComparison.Ordinal)));

        Assert.Equal(["orleans_client_connected_gateways{otel_scope_name=\"Microsoft.Orleans\"} 1"], PrometheusText.Samples(text, "orleans_client_connected_gateways"));
        Assert.Contains(PrometheusText.Samples(text, "target_info"), s => s.Contains("service_name=\"Personalization.Api.Host\"", StringComparison.Ordinal));
    }
}
