using OpenTelemetry.Metrics;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Metrics;

/// <summary>The silo's own meters on top of what every process exports (Orleans, ASP.NET Core, runtime).</summary>
public static class SiloMetrics
{
    public static MeterProviderBuilder AddSiloMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(StreamMetrics.MeterName, ProductMetrics.MeterName)
            // Created with the meter provider, so its instruments exist before the first scrape.
            .AddInstrumentation(sp => ActivatorUtilities.CreateInstance<ProductMetrics>(sp));
}
