using System.Collections.Immutable;
using Personalization.Catalog;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Persistence;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// A product's state: its catalogue record (if the ERP sent one), what events said about it,
/// popularity overall and per store, and its neighbour lists.
/// </summary>
[GenerateSerializer]
public sealed class ProductBehaviour : IRecordsPositions
{
    [Id(0)] public ProductRecord? Record { get; set; }
    [Id(1)] public EventCounters Counters { get; private set; } = new();
    [Id(2)] public long UnitsSold { get; private set; }
    [Id(3)] public DecayedScore Popularity;
    [Id(4)] public DecayingWeights StorePopularity { get; private set; } = new();
    [Id(5)] public CoOccurrenceTable CoOccurrence { get; private set; } = new();
    [Id(6)] public ImmutableArray<Neighbour> ContentNeighbours { get; set; } = [];
    [Id(7)] public RecentMessageIds Applied { get; private set; } = new();
    [Id(8)] public string? SeenCategory { get; private set; }
    [Id(9)] public string? SeenBrand { get; private set; }
    [Id(10)] public decimal? SeenPrice { get; private set; }
    [Id(11)] public DateTimeOffset? LastEventAt { get; private set; }
    [Id(12)] public TrendingEntry? LastReported { get; set; }
    [Id(13)] public AppliedPositions Positions { get; private set; } = new();

    /// <summary>Applies one event to the product <paramref name="productId"/>; false for a duplicate.</summary>
    public bool Apply(string productId, ShopperEvent evt, RankingOptions options)
    {
        if (!Applied.TryRecord(evt.MessageId, options.DuplicateWindow)) return false;
        Counters.Increment(evt.Kind);
        if (LastEventAt is null || evt.Timestamp > LastEventAt) LastEventAt = evt.Timestamp;

        foreach (var line in evt.ProductLines().Where(l => l.ProductId == productId))
        {
            SeenCategory = line.Category ?? SeenCategory;
            SeenBrand = line.Brand ?? SeenBrand;
            SeenPrice = line.Price ?? SeenPrice;
            if (evt.Kind == EventKind.OrderCompleted) UnitsSold += line.Quantity;

            var weight = EventWeights.Strength(evt.Kind);
            if (weight <= 0) continue;
            Popularity.Add(weight, evt.Timestamp, options.PopularityHalfLife);
            if (evt.StoreId is { } store)
                StorePopularity.Add(store, weight, evt.Timestamp, options.PopularityHalfLife, options.AffinityCapacity);
        }

        return true;
    }

    /// <summary>
    /// Popularity is reported to trending boards when it grew by a tenth since the last report, or a
    /// minute of event time passed; boards decay every entry alike, so a fall needs no report.
    /// </summary>
    public TrendingEntry? TakeTrendingReport(string productId, RankingOptions options)
    {
        if (Popularity.ReferenceTicks == 0) return null;
        var current = new TrendingEntry(productId, Popularity.Value, Popularity.Reference);
        if (LastReported is { } last)
        {
            var lastNow = last.Score * Math.Pow(2, -(current.ReferenceTime - last.ReferenceTime).Ticks / (double)options.PopularityHalfLife.Ticks);
            var grewEnough = current.Score >= lastNow * 1.1;
            var longAgo = current.ReferenceTime - last.ReferenceTime >= TimeSpan.FromMinutes(1);
            if (!grewEnough && !longAgo) return null;
        }

        LastReported = current;
        return current;
    }

    /// <summary>
    /// The boards to tell after an event, when the popularity moved enough (<see cref="TakeTrendingReport"/>):
    /// overall, the product's category, and the store the event happened in, scored by popularity there.
    /// </summary>
    public IReadOnlyList<(string Scope, TrendingEntry Entry)> TrendingReports(string productId, string? storeId, RankingOptions options)
    {
        if (TakeTrendingReport(productId, options) is not { } report) return []; // most events report nothing: the shared empty array, no allocation per event
        var reports = new List<(string, TrendingEntry)>(3) { (TrendingScopes.All, report) };
        if (Category is { } category) reports.Add((TrendingScopes.Category(category), report));
        if (storeId is { } store) reports.Add((TrendingScopes.Store(store), report with { Score = StorePopularity.ValueAt(store, report.ReferenceTime, options.PopularityHalfLife) }));
        return reports;
    }

    public string? Category => Record?.Category ?? SeenCategory;

    public ProductCard Card(string productId) => Record is { } r
        ? new ProductCard
        {
            Id = productId,
            Title = r.Title,
            CategoryPath = r.CategoryPath,
            Brand = r.Brand,
            Price = r.Price,
            Currency = r.Currency,
            InStock = r.Stock is not <= 0,
            Active = r.Active,
            InCatalog = true,
        }
        : new ProductCard
        {
            Id = productId,
            CategoryPath = SeenCategory is null ? [] : [SeenCategory],
            Brand = SeenBrand,
            Price = SeenPrice,
            InCatalog = false,
        };

    public ProductNeighbours Neighbours(string productId, int limit, RankingOptions options) => new(
        productId,
        [.. CoOccurrence.Top(limit, options.CoOccurrenceHalfLife)],
        [.. ContentNeighbours.Take(limit)]);
}
