using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Personalization.Api.Access;
using Personalization.Api.Metrics;
using Personalization.Silo.Demo;

namespace Personalization.Silo.Hosting;

/// <summary>Tells a newcomer where everything is once the server listens.</summary>
public sealed class StartupBanner(
    IServer server, IHostApplicationLifetime lifetime, IOptions<AccessOptions> access, IOptions<DemoOptions> demo, MetricsOptions metrics,
    ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = addresses.FirstOrDefault() ?? "http://localhost:5080";
        var lines = new List<string>
        {
            "Personalization is running.",
            $"  API:       {string.Join(", ", addresses)}",
            $"  OpenAPI:   {baseUrl}/openapi/v1.json",
            $"  Dashboard: {baseUrl}/dashboard/  (user: any, password: the admin key)",
            $"  Health:    {baseUrl}/health",
        };
        if (metrics.Enabled) lines.Add($"  Metrics:   {baseUrl}{metrics.Path}{(metrics.AllowLoopback ? "  (no key from this machine)" : "")}");
        if (access.Value.UsesDevelopmentKeys)
        {
            lines.Add("  No Access:Keys configured: the development keys work on loopback only:");
            lines.Add($"    storefront={DevelopmentKeys.Storefront}  ingest={DevelopmentKeys.Ingest}  admin={DevelopmentKeys.Admin}");
        }

        if (demo.Value.Enabled) lines.Add($"  Demo: {demo.Value.Products} products, {demo.Value.Shoppers} shoppers, ~{demo.Value.EventsPerSecond} events/s. Try {baseUrl}/v1/customers/demo-customer-1/offers");
        logger.LogInformation("{Banner}", string.Join(Environment.NewLine, lines));
    }
}
