using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Personalization.Api.Metrics;

/// <summary>
/// OpenTelemetry metrics for operators, in the silo and in the standalone API: Orleans' own meter, ASP.NET Core,
/// the .NET runtime and whatever product meters the host adds, scraped by Prometheus at <see cref="MetricsOptions.Path"/>
/// and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, also pushed over OTLP.
/// </summary>
public static class MetricsExtensions
{
    /// <summary>The meter of the Orleans runtime and client (orleans-* instruments).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string KestrelDefaultUrl = "http://localhost:5000";

    public static IHostApplicationBuilder AddOperatorMetrics(this IHostApplicationBuilder builder, Action<MeterProviderBuilder>? productMeters = null)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(MetricsOptions.SectionName, typeof(MetricsOptions), problems);

        builder.Services.AddSingleton(options);
        if (!options.Enabled) return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                productMeters?.Invoke(metrics);
                if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable])) metrics.AddOtlpExporter();
            });

        if (options.ListenerPort is not null)
        {
            // Kestrel listens on Urls; the metrics listener joins them rather than replacing them.
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
            builder.Configuration[WebHostDefaults.ServerUrlsKey] = $"{(string.IsNullOrWhiteSpace(urls) ? KestrelDefaultUrl : urls)};{options.Url}";
            builder.Services.AddTransient<IStartupFilter, MetricsListenerGate>();
        }

        return builder;
    }

    /// <summary>Maps the scrape endpoint behind <see cref="MetricsAccess"/>; does nothing when metrics are disabled.</summary>
    public static WebApplication MapOperatorMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (!options.Enabled) return app;

        app.MapPrometheusScrapingEndpoint(options.Path, meterProvider: null, branch => branch.Use(MetricsAccess.Middleware(options)), optionsName: null)
            // Scrapes every few seconds would otherwise dominate the request metrics they report.
            .DisableHttpMetrics();
        return app;
    }
}
