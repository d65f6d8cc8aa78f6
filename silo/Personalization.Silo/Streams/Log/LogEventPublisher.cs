using Personalization.Api.Ingest;
using Personalization.Events;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// HTTP ingest in cluster mode: appends each accepted event to the log, in the public JSON contract and
/// keyed by its shopper, and completes only when the log durably holds all of them. Grains then consume
/// them like events from any other producer, with the same guarantees.
/// </summary>
public sealed class LogEventPublisher(ILogTransport transport, StreamMetrics metrics) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken)
    {
        await transport.EnsureReadyAsync(cancellationToken);
        var records = new List<OutgoingRecord>(events.Count);
        foreach (var evt in events)
        {
            records.Add(OutgoingRecord.For(evt.PartitionKey, EventJsonWriter.Write(evt), evt.MessageId, transport.Partitions));
        }

        await transport.AppendAsync(records, cancellationToken);
        metrics.Appended(records.Count);
    }
}
