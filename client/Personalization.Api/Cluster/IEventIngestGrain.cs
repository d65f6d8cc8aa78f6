using Orleans;
using Personalization.Events;

namespace Personalization.Api.Cluster;

/// <summary>
/// Ingest on a silo for the standalone API: the silo appends the events with its own publisher (the durable
/// log, or the in-memory streams) and completes only when they are accepted there. The API process thus
/// needs no broker settings of its own and acknowledges exactly what the silos' log acknowledged.
/// </summary>
public interface IEventIngestGrain : IGrainWithIntegerKey
{
    Task PublishAsync(IReadOnlyList<ShopperEvent> events);
}
