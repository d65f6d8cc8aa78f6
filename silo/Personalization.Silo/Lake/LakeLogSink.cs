using Personalization.Events;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Lake;

/// <summary>
/// The lake on a durable log: each silo writes the events of the partitions it reads, whoever put them in
/// the log (HTTP in any process, the MQTT bridge, external producers), and a partition commits an event
/// only once a lake file holds it. A crash therefore loses no lake row; a replay may write a row again
/// (dedupe by <c>message_id</c>, docs/lake.md).
/// </summary>
public sealed class LakeLogSink(LakeWriter lake) : ILogEventSink
{
    public ValueTask AppendAsync(ShopperEvent evt, Action stored, CancellationToken cancellationToken) =>
        new(lake.AppendAsync(evt, stored, cancellationToken));
}
