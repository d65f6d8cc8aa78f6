using Orleans;
using Personalization.Api.Ingest;
using Personalization.Events;

namespace Personalization.Api.Cluster;

/// <summary>
/// The standalone API's <see cref="IEventPublisher"/>: hands each accepted batch to an ingest worker on the
/// silo behind the gateway it talks to. A failed call (the silo died) fails the request, so nothing is
/// acknowledged that the log does not hold; retrying is safe because grains drop repeated message ids.
/// </summary>
public sealed class ForwardingEventPublisher(IClusterClient client) : IEventPublisher
{
    public Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken) =>
        client.GetGrain<IEventIngestGrain>(0).PublishAsync(events).WaitAsync(cancellationToken);
}
