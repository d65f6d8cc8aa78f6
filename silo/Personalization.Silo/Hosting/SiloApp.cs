using Personalization.Api;
using Personalization.Api.Metrics;
using Personalization.Silo.Lake;
using Personalization.Silo.Metrics;
using Personalization.Silo.Models;

namespace Personalization.Silo.Hosting;

/// <summary>The embedded product in one process: silo, HTTP API and dashboard. Program and the HTTP tests build it here.</summary>
public static class SiloApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(SiloHostExtensions.WithDemoSwitch(args));
        configure?.Invoke(builder);
        builder.AddEmbeddedSilo();
        builder.AddPersonalizationApi();
        builder.AddEventLake();
        builder.AddOfferModels();
        builder.AddOperatorMetrics(metrics => metrics.AddSiloMeters());

        var app = builder.Build();
        app.MapPersonalizationApi();
        app.MapDashboard();
        app.MapOperatorMetrics();
        return app;
    }
}
