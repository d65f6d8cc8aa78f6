using Personalization.Events;

namespace Personalization.Api.Ingest;

/// <summary>
/// Writes accepted events to the event log (the stream provider). When the returned task completes the
/// events are accepted: in embedded mode, held by the in-memory streams; in cluster mode, durably in the log.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken);
}
