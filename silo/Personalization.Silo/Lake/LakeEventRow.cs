using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Personalization.Events;

namespace Personalization.Silo.Lake;

/// <summary>
/// One accepted event as a lake row. Column names and types are the analysts' contract
/// (docs/lake.md): add columns at the end, never rename or retype one.
/// </summary>
public sealed class LakeEventRow
{
    [JsonPropertyName("message_id"), ParquetRequired] public string MessageId { get; set; } = "";
    [JsonPropertyName("event"), ParquetRequired] public string Event { get; set; } = "";
    [JsonPropertyName("event_time"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)] public DateTime EventTime { get; set; }
    [JsonPropertyName("received_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)] public DateTime ReceivedAt { get; set; }
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    [JsonPropertyName("anonymous_id")] public string? AnonymousId { get; set; }
    [JsonPropertyName("session_id")] public string? SessionId { get; set; }
    [JsonPropertyName("product_id")] public string? ProductId { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("brand")] public string? Brand { get; set; }
    [JsonPropertyName("price"), ParquetDecimal(18, 4)] public decimal? Price { get; set; }
    [JsonPropertyName("quantity")] public int Quantity { get; set; }
    [JsonPropertyName("query")] public string? Query { get; set; }
    [JsonPropertyName("store_id")] public string? StoreId { get; set; }
    [JsonPropertyName("zone")] public string? Zone { get; set; }
    [JsonPropertyName("order_id")] public string? OrderId { get; set; }
    [JsonPropertyName("products")] public List<LakeLineRow>? Products { get; set; }

    public static LakeEventRow From(ShopperEvent evt, DateTimeOffset receivedAt) => new()
    {
        MessageId = evt.MessageId,
        Event = EventNames.NameOf(evt.Kind),
        EventTime = evt.Timestamp.UtcDateTime,
        ReceivedAt = receivedAt.UtcDateTime,
        UserId = evt.UserId,
        AnonymousId = evt.AnonymousId,
        SessionId = evt.SessionKey,
        ProductId = evt.ProductId,
        Category = evt.Category,
        Brand = evt.Brand,
        Price = evt.Price,
        Quantity = evt.Quantity,
        Query = evt.Query,
        StoreId = evt.StoreId,
        Zone = evt.Zone,
        OrderId = evt.OrderId,
        Products = evt.Products.IsDefaultOrEmpty ? null : [.. evt.Products.Select(LakeLineRow.From)],
    };
}

/// <summary>One product line of an order, cart or list event (the <c>products</c> list column).</summary>
public sealed class LakeLineRow
{
    [JsonPropertyName("product_id"), ParquetRequired] public string ProductId { get; set; } = "";
    [JsonPropertyName("price"), ParquetDecimal(18, 4)] public decimal? Price { get; set; }
    [JsonPropertyName("quantity")] public int Quantity { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("brand")] public string? Brand { get; set; }

    public static LakeLineRow From(LineItem line) => new()
    {
        ProductId = line.ProductId,
        Price = line.Price,
        Quantity = line.Quantity,
        Category = line.Category,
        Brand = line.Brand,
    };
}
