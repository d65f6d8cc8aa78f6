using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Personalization.Features;
using Personalization.Grains;

namespace Personalization.Silo.Lake.Features;

/// <summary>
/// One row of the <c>features/customers</c> table: a customer's state as one flush saw it. Column names
/// and types are the analysts' contract (docs/lake.md): add columns at the end, never rename or retype.
/// </summary>
public sealed class CustomerFeatureRow
{
    [JsonPropertyName("customer_id"), ParquetRequired] public string CustomerId { get; set; } = "";
    [JsonPropertyName("snapshot_time"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)] public DateTime SnapshotTime { get; set; }
    [JsonPropertyName("events")] public long Events { get; set; }
    [JsonPropertyName("product_views")] public long ProductViews { get; set; }
    [JsonPropertyName("product_clicks")] public long ProductClicks { get; set; }
    [JsonPropertyName("cart_adds")] public long CartAdds { get; set; }
    [JsonPropertyName("cart_removes")] public long CartRemoves { get; set; }
    [JsonPropertyName("checkouts_started")] public long CheckoutsStarted { get; set; }
    [JsonPropertyName("orders")] public long Orders { get; set; }
    [JsonPropertyName("searches")] public long Searches { get; set; }
    [JsonPropertyName("list_views")] public long ListViews { get; set; }
    [JsonPropertyName("zone_entries")] public long ZoneEntries { get; set; }
    [JsonPropertyName("shelf_pickups")] public long ShelfPickups { get; set; }
    [JsonPropertyName("top_categories")] public List<WeightedKeyRow>? TopCategories { get; set; }
    [JsonPropertyName("top_brands")] public List<WeightedKeyRow>? TopBrands { get; set; }
    [JsonPropertyName("recent_product_ids")] public List<string>? RecentProductIds { get; set; }
    [JsonPropertyName("recent_purchase_ids")] public List<string>? RecentPurchaseIds { get; set; }
    [JsonPropertyName("last_event_time"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)] public DateTime? LastEventTime { get; set; }
    [JsonPropertyName("last_store_id")] public string? LastStoreId { get; set; }
    [JsonPropertyName("last_session_id")] public string? LastSessionId { get; set; }
    [JsonPropertyName("segment")] public string? Segment { get; set; }
    [JsonPropertyName("home_store_id")] public string? HomeStoreId { get; set; }
    [JsonPropertyName("consent")] public bool Consent { get; set; }

    public static CustomerFeatureRow From(CustomerFeatureSnapshot snapshot, DateTimeOffset snapshotTime) => new()
    {
        CustomerId = snapshot.CustomerId,
        SnapshotTime = snapshotTime.UtcDateTime,
        Events = snapshot.Events,
        ProductViews = snapshot.ProductViews,
        ProductClicks = snapshot.ProductClicks,
        CartAdds = snapshot.CartAdds,
        CartRemoves = snapshot.CartRemoves,
        CheckoutsStarted = snapshot.CheckoutsStarted,
        Orders = snapshot.Orders,
        Searches = snapshot.Searches,
        ListViews = snapshot.ListViews,
        ZoneEntries = snapshot.ZoneEntries,
        ShelfPickups = snapshot.ShelfPickups,
        TopCategories = WeightedKeyRow.ListOf(snapshot.TopCategories),
        TopBrands = WeightedKeyRow.ListOf(snapshot.TopBrands),
        RecentProductIds = snapshot.RecentProductIds.IsDefaultOrEmpty ? null : [.. snapshot.RecentProductIds],
        RecentPurchaseIds = snapshot.RecentPurchaseIds.IsDefaultOrEmpty ? null : [.. snapshot.RecentPurchaseIds],
        LastEventTime = snapshot.LastEventAt?.UtcDateTime,
        LastStoreId = snapshot.LastStoreId,
        LastSessionId = snapshot.LastSessionId,
        Segment = snapshot.Segment,
        HomeStoreId = snapshot.HomeStoreId,
        Consent = snapshot.Consent,
    };
}

/// <summary>A key with its decayed weight (an element of <c>top_categories</c>, <c>top_brands</c>, <c>top_stores</c>).</summary>
public sealed class WeightedKeyRow
{
    [JsonPropertyName("key"), ParquetRequired] public string Key { get; set; } = "";
    [JsonPropertyName("weight")] public double Weight { get; set; }

    public static List<WeightedKeyRow>? ListOf(ImmutableArray<WeightedKey> keys) =>
        keys.IsDefaultOrEmpty ? null : [.. keys.Select(k => new WeightedKeyRow { Key = k.Key, Weight = k.Weight })];
}
