using Personalization.Api.Ingest;
using Personalization.Events;

namespace Personalization.Silo.Lake;

/// <summary>
/// Decorates the event publisher: once the log (stream provider) has accepted a batch, its events
/// also go to the lake. Every ingestion path in this process publishes through
/// <see cref="IEventPublisher"/>, so the lake sees every accepted event exactly when the grains can.
/// Used with in-process streams only: on a durable log the partitions' readers feed the lake (<see cref="LakeLogSink"/>).
/// </summary>
public sealed class LakeTappingPublisher(IEventPublisher inner, LakeWriter lake) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken)
    {
        await inner.PublishAsync(events, cancellationToken);
        await lake.AppendAsync(events, cancellationToken);
    }
}
