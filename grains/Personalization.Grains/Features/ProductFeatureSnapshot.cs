using System.Collections.Immutable;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;

namespace Personalization.Features;

/// <summary>
/// What the catalogue and the events say about a product at one moment, flattened for analysts (the
/// <c>features/products</c> lake table, docs/lake.md). Built in the product grain's turn; immutable.
/// </summary>
public sealed record ProductFeatureSnapshot
{
    /// <summary>How many neighbours of each kind a row carries; the grain keeps more.</summary>
    public const int NeighbourLimit = 10;

    /// <summary>How many stores' popularity a row carries.</summary>
    public const int StoreLimit = 5;

    public required string ProductId { get; init; }

    /// <summary>True when the ERP sent a record; otherwise category, brand and price are as events reported them.</summary>
    public bool InCatalog { get; init; }
    public string? Title { get; init; }
    public ImmutableArray<string> CategoryPath { get; init; } = [];
    public string? Category { get; init; }
    public string? Brand { get; init; }
    public decimal? Price { get; init; }
    public string? Currency { get; init; }
    public int? Stock { get; init; }
    public bool Active { get; init; } = true;

    public long Events { get; init; }
    public long Views { get; init; }
    public long Clicks { get; init; }
    public long CartAdds { get; init; }
    public long CartRemoves { get; init; }
    public long Orders { get; init; }
    public long ShelfPickups { get; init; }
    public long UnitsSold { get; init; }

    /// <summary>Decayed popularity (Ranking:PopularityHalfLife) at <see cref="LastEventAt"/>.</summary>
    public double Popularity { get; init; }
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>Popularity per store, strongest first, at the product's latest event.</summary>
    public ImmutableArray<WeightedKey> TopStores { get; init; } = [];

    /// <summary>Viewed or bought together, strongest first.</summary>
    public ImmutableArray<Neighbour> BehaviourNeighbours { get; init; } = [];

    /// <summary>Similar by title, description, category and brand, strongest first.</summary>
    public ImmutableArray<Neighbour> ContentNeighbours { get; init; } = [];

    public static ProductFeatureSnapshot Of(string productId, ProductBehaviour behaviour, RankingOptions options)
    {
        var card = behaviour.Card(productId);
        var counters = behaviour.Counters;
        var record = behaviour.Record;
        return new ProductFeatureSnapshot
        {
            ProductId = productId,
            InCatalog = card.InCatalog,
            Title = card.Title,
            CategoryPath = [.. card.CategoryPath],
            Category = behaviour.Category,
            Brand = card.Brand,
            Price = card.Price,
            Currency = card.Currency,
            Stock = record?.Stock,
            Active = card.Active,
            Events = counters.Total,
            Views = counters[EventKind.ProductViewed],
            Clicks = counters[EventKind.ProductClicked],
            CartAdds = counters[EventKind.ProductAdded],
            CartRemoves = counters[EventKind.ProductRemoved],
            Orders = counters[EventKind.OrderCompleted],
            ShelfPickups = counters[EventKind.ShelfItemPickedUp],
            UnitsSold = behaviour.UnitsSold,
            Popularity = behaviour.LastEventAt is { } last ? behaviour.Popularity.ValueAt(last, options.PopularityHalfLife) : 0,
            LastEventAt = behaviour.LastEventAt,
            TopStores = [.. behaviour.StorePopularity.Top(StoreLimit, options.PopularityHalfLife).Select(kv => new WeightedKey(kv.Key, kv.Weight))],
            BehaviourNeighbours = [.. behaviour.CoOccurrence.Top(NeighbourLimit, options.CoOccurrenceHalfLife)],
            ContentNeighbours = [.. behaviour.ContentNeighbours.Take(NeighbourLimit)],
        };
    }
}
