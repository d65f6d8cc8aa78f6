using System.Diagnostics.Metrics;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Instruments of the ingestion path, meter <c>Personalization.Streams</c>: records read and appended,
/// dead letters by reason, and the lag of every partition this silo consumes.
/// </summary>
public sealed class StreamMetrics : IDisposable
{
    public const string MeterName = "Personalization.Streams";

    private readonly Meter _meter;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _read;
    private readonly Counter<long> _appended;
    private long _recordsRead;

    public StreamMetrics(IMeterFactory meters, PartitionRegistry partitions)
    {
        _meter = meters.Create(MeterName);
        _deadLetters = _meter.CreateCounter<long>("personalization.streams.dead_letters", "{event}", "Events sent to the dead-letter topic.");
        _read = _meter.CreateCounter<long>("personalization.streams.records_read", "{record}", "Records read from the log.");
        _appended = _meter.CreateCounter<long>("personalization.streams.records_appended", "{record}", "Records durably appended to the log by HTTP ingest and the MQTT bridge.");
        _meter.CreateObservableGauge("personalization.streams.lag", () => partitions.Owned().Select(p =>
                new Measurement<long>(p.Lag, new KeyValuePair<string, object?>("partition", p.Partition))),
            "{record}", "Records of a partition this silo consumes that grains have not applied yet (unread + in flight).");
    }

    public void DeadLettered(string reason, string source) =>
        _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("source", source));

    public void Read(int partition, int count)
    {
        _read.Add(count, new KeyValuePair<string, object?>("partition", partition));
        Interlocked.Add(ref _recordsRead, count);
    }

    /// <summary>Records this silo read from the log since it started, replays included (the admin endpoint).</summary>
    public long RecordsRead => Interlocked.Read(ref _recordsRead);

    public void Appended(int count) => _appended.Add(count);

    public void Dispose() => _meter.Dispose();
}
