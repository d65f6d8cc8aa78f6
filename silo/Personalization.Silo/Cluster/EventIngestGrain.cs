using Orleans.Concurrency;
using Personalization.Api.Cluster;
using Personalization.Api.Ingest;
using Personalization.Events;

namespace Personalization.Silo.Cluster;

/// <summary>
/// Stateless worker behind the standalone API's ingest: runs on the silo that received the call and
/// publishes with that silo's <see cref="IEventPublisher"/> (the log in cluster mode).
/// </summary>
[StatelessWorker]
public sealed class EventIngestGrain(IEventPublisher publisher) : Grain, IEventIngestGrain
{
    public Task PublishAsync(IReadOnlyList<ShopperEvent> events) => publisher.PublishAsync(events, CancellationToken.None);
}
