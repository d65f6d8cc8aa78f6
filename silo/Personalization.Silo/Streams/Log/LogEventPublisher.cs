using Personalization.Api.Ingest;
using Personalization.Events;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// HTTP ingest in cluster mode: appends each accepted event to the log, in the public JSON contract and
/// keyed by its shopper, and completes only when the log durably holds all of them. Grains then consume
/// them like events from any other producer, with the same guarantees. A log that does not acknowledge
/// within <see cref="StreamingOptions.AppendTimeout"/> makes the request fail (503), never half-succeed silently.
/// </summary>
public sealed class LogEventPublisher(ILogTransport transport, StreamMetrics metrics, StreamingOptions options) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken)
    {
        var records = new List<OutgoingRecord>(events.Count);
        foreach (var evt in events)
        {
            records.Add(OutgoingRecord.For(evt.PartitionKey, EventJsonWriter.Write(evt), evt.MessageId, transport.Partitions));
        }

        await AppendWithinTimeoutAsync(transport, records, options.AppendTimeout, cancellationToken);
        metrics.Appended(records.Count);
    }

    /// <summary>Appends, or throws <see cref="EventLogUnavailableException"/> when the log failed or did not answer in time.</summary>
    public static async Task AppendWithinTimeoutAsync(ILogTransport transport, IReadOnlyList<OutgoingRecord> records, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await transport.EnsureReadyAsync(deadline.Token);
            await transport.AppendAsync(records, deadline.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EventLogUnavailableException(
                $"The {transport.Name} event log did not acknowledge {records.Count} record(s) within {timeout.TotalSeconds:0.#} s: {exception.Message}", exception);
        }
    }
}
