using Personalization.Api.Ingest;
using Personalization.Events;

namespace Personalization.Silo.Lake;

/// <summary>
/// Decorates the event publisher: once the log (stream provider) has accepted a batch, its events
/// also go to the lake. Every ingestion path in this process publishes through
/// <see cref="IEventPublisher"/>, so the lake sees every accepted event exactly when the grains can.
/// Events that enter the log elsewhere (an external Kafka producer) bypass this tap: docs/lake.md.
/// </summary>
public sealed class LakeTappingPublisher(IEventPublisher inner, LakeWriter lake) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken)
    {
        await inner.PublishAsync(events, cancellationToken);
        await lake.AppendAsync(events, cancellationToken);
    }
}
