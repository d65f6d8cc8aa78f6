using System.Buffers;
using System.Text.Json;
using Personalization.Events;

namespace Personalization.Bench.Workload;

/// <summary>Writes events in the public JSON contract (docs/events.md), as NDJSON request bodies.</summary>
public static class EventJson
{
    /// <summary>Pre-serialises the slice into NDJSON bodies of <paramref name="batchSize"/> events, so no JSON is written while timing.</summary>
    public static List<byte[]> Bodies(ReadOnlySpan<ShopperEvent> events, int batchSize)
    {
        var bodies = new List<byte[]>();
        var buffer = new ArrayBufferWriter<byte>(batchSize * 400);
        for (var start = 0; start < events.Length; start += batchSize)
        {
            buffer.ResetWrittenCount();
            foreach (var evt in events.Slice(start, Math.Min(batchSize, events.Length - start)))
            {
                using (var writer = new Utf8JsonWriter(buffer)) Write(writer, evt);
                buffer.Write("\n"u8);
            }

            bodies.Add(buffer.WrittenSpan.ToArray());
        }

        return bodies;
    }

    public static void Write(Utf8JsonWriter json, ShopperEvent evt)
    {
        json.WriteStartObject();
        json.WriteString("type", "track");
        json.WriteString("event", EventNames.NameOf(evt.Kind));
        json.WriteString("messageId", evt.MessageId);
        if (evt.UserId is { } user) json.WriteString("userId", user);
        if (evt.AnonymousId is { } anonymous) json.WriteString("anonymousId", anonymous);
        if (evt.SessionKey is { } session) json.WriteString("sessionId", session);
        json.WriteString("timestamp", evt.Timestamp.UtcDateTime.ToString("O"));
        json.WriteStartObject("properties");
        if (evt.ProductId is { } product)
        {
            json.WriteString("product_id", product);
            json.WriteNumber("quantity", evt.Quantity);
        }

        if (evt.Category is { } category) json.WriteString("category", category);
        if (evt.Brand is { } brand) json.WriteString("brand", brand);
        if (evt.Price is { } price) json.WriteNumber("price", price);
        if (evt.Query is { } query) json.WriteString("query", query);
        if (evt.StoreId is { } store) json.WriteString("store_id", store);
        if (evt.Zone is { } zone) json.WriteString("zone", zone);
        if (evt.OrderId is { } order) json.WriteString("order_id", order);
        if (!evt.Products.IsEmpty)
        {
            json.WriteStartArray("products");
            foreach (var line in evt.Products)
            {
                json.WriteStartObject();
                json.WriteString("product_id", line.ProductId);
                if (line.Price is { } linePrice) json.WriteNumber("price", linePrice);
                json.WriteNumber("quantity", line.Quantity);
                if (line.Category is { } lineCategory) json.WriteString("category", lineCategory);
                if (line.Brand is { } lineBrand) json.WriteString("brand", lineBrand);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
