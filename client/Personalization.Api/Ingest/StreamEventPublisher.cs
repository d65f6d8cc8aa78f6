using Orleans.Runtime;
using Personalization.Events;
using Personalization.Streams;

namespace Personalization.Api.Ingest;

/// <summary>
/// Publishes each event to the streams of the grains it concerns (customer, session, products).
/// Events for one stream go in one ordered batch, so a shopper's events keep their order.
/// </summary>
public sealed class StreamEventPublisher(IClusterClient client) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken)
    {
        var provider = client.GetStreamProvider(EventStreams.ProviderName);
        var batches = Route(events);
        await Task.WhenAll(batches.Select(b => provider.GetStream<ShopperEvent>(b.Key).OnNextBatchAsync(b.Value)));
    }

    /// <summary>Groups events by destination stream, keeping their order within each stream.</summary>
    public static Dictionary<StreamId, List<ShopperEvent>> Route(IEnumerable<ShopperEvent> events)
    {
        var batches = new Dictionary<StreamId, List<ShopperEvent>>();
        void Add(string ns, string key, ShopperEvent evt)
        {
            var id = StreamId.Create(ns, key);
            if (!batches.TryGetValue(id, out var list)) batches[id] = list = [];
            list.Add(evt);
        }

        foreach (var evt in events)
        {
            if (evt.UserId is { } userId) Add(EventStreams.Customers, userId, evt);
            if (evt.SessionKey is { } session) Add(EventStreams.Sessions, session, evt);
            foreach (var productId in evt.ProductLines().Select(l => l.ProductId).Distinct(StringComparer.Ordinal))
            {
                Add(EventStreams.Products, productId, evt);
            }
        }

        return batches;
    }
}
