using Personalization.Events;
using Personalization.Grains;

namespace Personalization.Domain;

/// <summary>
/// The latest distinct products a shopper touched, most recent first. Touching a product again moves
/// it to the front, keeping the strongest kind of interaction seen for it.
/// </summary>
[GenerateSerializer]
public sealed class RecentItems
{
    [Id(0)] private readonly List<RecentItem> _items = [];

    public IReadOnlyList<RecentItem> Items => _items;

    public void Touch(string productId, EventKind kind, DateTimeOffset at, int capacity)
    {
        var index = _items.FindIndex(i => i.ProductId == productId);
        if (index >= 0)
        {
            var existing = _items[index];
            _items.RemoveAt(index);
            if (EventWeights.Strength(existing.Kind) > EventWeights.Strength(kind)) kind = existing.Kind;
            if (existing.Timestamp > at) at = existing.Timestamp;
        }

        // Keep event-time order even when events arrive slightly out of order.
        var position = _items.FindIndex(i => i.Timestamp <= at);
        _items.Insert(position < 0 ? _items.Count : position, new RecentItem(productId, kind, at));
        if (_items.Count > capacity) _items.RemoveAt(_items.Count - 1);
    }

    public bool Contains(string productId) => _items.Exists(i => i.ProductId == productId);
}
