using System.Net;
using Personalization.Api.Access;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Metrics;

public sealed class DisabledMetricsTests
{
    [Fact]
    public async Task With_metrics_disabled_there_is_no_scrape_endpoint_and_no_listener()
    {
        var listenerPort = FreePort.Next();
        await using var host = await ProductHost.StartAsync(["--Storage:Provider=memory", "--Metrics:Enabled=false", $"--Metrics:Url=http://127.0.0.1:{listenerPort}"]);
        using var admin = host.Client(DevelopmentKeys.Admin);
        using var scraper = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/metrics")).StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => scraper.GetAsync($"http://127.0.0.1:{listenerPort}/metrics"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health")).StatusCode);
    }
}
