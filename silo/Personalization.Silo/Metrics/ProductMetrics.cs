using System.Diagnostics.Metrics;
using Personalization.Ranking;
using Personalization.Silo.Lake;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Metrics;

/// <summary>
/// Meter <c>Personalization</c>: counters the silo keeps as plain fields for its own use (the S3 cost meter, the
/// lake writer's totals) and the ranker it serves, observed when metrics are collected, so their meaning and
/// their cost on the hot path stay as they are. Each appears only when its component runs in this silo.
/// </summary>
public sealed class ProductMetrics : IDisposable
{
    public const string MeterName = "Personalization";

    private readonly Meter _meter;

    public ProductMetrics(IMeterFactory meters, IServiceProvider services)
    {
        _meter = meters.Create(MeterName);
        if (services.GetService<S3RequestCounter>() is { } s3) ObserveS3(s3);
        if (services.GetService<LakeWriter>() is { } lake) ObserveLake(lake);
        if (services.GetService<RankingModelSlot>() is { } ranker) ObserveRanker(ranker);
    }

    private void ObserveS3(S3RequestCounter s3)
    {
        _meter.CreateObservableCounter("personalization.s3.requests", () => new[]
        {
            Measurement(s3.Puts, "method", "PUT"),
            Measurement(s3.Gets, "method", "GET"),
            Measurement(s3.Deletes, "method", "DELETE"),
            Measurement(s3.Others, "method", "other"),
        }, "{request}", "HTTP requests sent to S3, retries included (GET counts HEAD and LIST); S3 bills per request.");
        _meter.CreateObservableCounter("personalization.s3.request_failures", () => s3.Failures,
            "{request}", "S3 requests that got no answer or a 5xx.");
    }

    private void ObserveLake(LakeWriter lake)
    {
        _meter.CreateObservableCounter("personalization.lake.files_written", () => lake.FilesWritten, "{file}", "Parquet files this silo wrote to the lake.");
        _meter.CreateObservableCounter("personalization.lake.rows_written", () => lake.RowsWritten, "{event}", "Events this silo wrote to lake files.");
    }

    private void ObserveRanker(RankingModelSlot ranker) =>
        _meter.CreateObservableGauge("personalization.ranking.model_loaded", () =>
            ranker.Status().Version is { } version ? Measurement(1, "version", version) : Measurement(0, "version", "heuristic"),
            "{model}", "1 with the version of the learned offer model this silo serves; 0 while the heuristic serves.");

    private static Measurement<long> Measurement(long value, string tag, string tagValue) => new(value, new KeyValuePair<string, object?>(tag, tagValue));

    public void Dispose() => _meter.Dispose();
}
