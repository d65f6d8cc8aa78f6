using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Personalization.Features;
using Personalization.Grains;

namespace Personalization.Silo.Lake.Features;

/// <summary>
/// One row of the <c>features/products</c> table: a product's state as one flush saw it. Column names
/// and types are the analysts' contract (docs/lake.md): add columns at the end, never rename or retype.
/// </summary>
public sealed class ProductFeatureRow
{
    [JsonPropertyName("product_id"), ParquetRequired] public string ProductId { get; set; } = "";
    [JsonPropertyName("snapshot_time"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)] public DateTime SnapshotTime { get; set; }
    [JsonPropertyName("in_catalog")] public bool InCatalog { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("category_path")] public List<string>? CategoryPath { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("brand")] public string? Brand { get; set; }
    [JsonPropertyName("price"), ParquetDecimal(18, 4)] public decimal? Price { get; set; }
    [JsonPropertyName("currency")] public string? Currency { get; set; }
    [JsonPropertyName("stock")] public int? Stock { get; set; }
    [JsonPropertyName("active")] public bool Active { get; set; }
    [JsonPropertyName("events")] public long Events { get; set; }
    [JsonPropertyName("views")] public long Views { get; set; }
    [JsonPropertyName("clicks")] public long Clicks { get; set; }
    [JsonPropertyName("cart_adds")] public long CartAdds { get; set; }
    [JsonPropertyName("cart_removes")] public long CartRemoves { get; set; }
    [JsonPropertyName("orders")] public long Orders { get; set; }
    [JsonPropertyName("shelf_pickups")] public long ShelfPickups { get; set; }
    [JsonPropertyName("units_sold")] public long UnitsSold { get; set; }
    [JsonPropertyName("popularity")] public double Popularity { get; set; }
    [JsonPropertyName("last_event_time"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)] public DateTime? LastEventTime { get; set; }
    [JsonPropertyName("top_stores")] public List<WeightedKeyRow>? TopStores { get; set; }
    [JsonPropertyName("behaviour_neighbours")] public List<NeighbourRow>? BehaviourNeighbours { get; set; }
    [JsonPropertyName("content_neighbours")] public List<NeighbourRow>? ContentNeighbours { get; set; }

    public static ProductFeatureRow From(ProductFeatureSnapshot snapshot, DateTimeOffset snapshotTime) => new()
    {
        ProductId = snapshot.ProductId,
        SnapshotTime = snapshotTime.UtcDateTime,
        InCatalog = snapshot.InCatalog,
        Title = snapshot.Title,
        CategoryPath = snapshot.CategoryPath.IsDefaultOrEmpty ? null : [.. snapshot.CategoryPath],
        Category = snapshot.Category,
        Brand = snapshot.Brand,
        Price = snapshot.Price,
        Currency = snapshot.Currency,
        Stock = snapshot.Stock,
        Active = snapshot.Active,
        Events = snapshot.Events,
        Views = snapshot.Views,
        Clicks = snapshot.Clicks,
        CartAdds = snapshot.CartAdds,
        CartRemoves = snapshot.CartRemoves,
        Orders = snapshot.Orders,
        ShelfPickups = snapshot.ShelfPickups,
        UnitsSold = snapshot.UnitsSold,
        Popularity = snapshot.Popularity,
        LastEventTime = snapshot.LastEventAt?.UtcDateTime,
        TopStores = WeightedKeyRow.ListOf(snapshot.TopStores),
        BehaviourNeighbours = NeighbourRow.ListOf(snapshot.BehaviourNeighbours),
        ContentNeighbours = NeighbourRow.ListOf(snapshot.ContentNeighbours),
    };
}

/// <summary>A related product (an element of <c>behaviour_neighbours</c> and <c>content_neighbours</c>).</summary>
public sealed class NeighbourRow
{
    [JsonPropertyName("product_id"), ParquetRequired] public string ProductId { get; set; } = "";
    [JsonPropertyName("score")] public double Score { get; set; }

    /// <summary><c>viewed_together</c>, <c>bought_together</c> or <c>similar_content</c>.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; set; }

    public static List<NeighbourRow>? ListOf(ImmutableArray<Neighbour> neighbours) =>
        neighbours.IsDefaultOrEmpty ? null : [.. neighbours.Select(n => new NeighbourRow { ProductId = n.ProductId, Score = n.Score, Relation = NameOf(n.Relation) })];

    private static string NameOf(Relation relation) => relation switch
    {
        Grains.Relation.ViewedTogether => "viewed_together",
        Grains.Relation.BoughtTogether => "bought_together",
        Grains.Relation.SimilarContent => "similar_content",
        _ => relation.ToString(),
    };
}
