using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Personalization.Events;

/// <summary>
/// Writes a validated event back in the public JSON contract (docs/events.md), so that everything on the
/// event log, whoever produced it, is the same JSON that <c>POST /v1/events</c> takes. Validating the
/// output gives back an equal event: the session id is written only when it was not derived from the shopper.
/// </summary>
public static class EventJsonWriter
{
    public static byte[] Write(ShopperEvent evt)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "track");
            json.WriteString("event", EventNames.NameOf(evt.Kind));
            json.WriteString("messageId", evt.MessageId);
            if (evt.UserId is not null) json.WriteString("userId", evt.UserId);
            if (evt.AnonymousId is not null) json.WriteString("anonymousId", evt.AnonymousId);
            var shopper = evt.UserId ?? evt.AnonymousId;
            if (evt.SessionKey is not null && evt.SessionKey != "auto:" + shopper) json.WriteString("sessionId", evt.SessionKey);
            json.WriteString("timestamp", evt.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

            json.WriteStartObject("properties");
            WriteOptional(json, "product_id", evt.ProductId);
            WriteOptional(json, "category", evt.Category);
            WriteOptional(json, "brand", evt.Brand);
            if (evt.Price is { } price) json.WriteNumber("price", price);
            json.WriteNumber("quantity", evt.Quantity);
            WriteOptional(json, "query", evt.Query);
            WriteOptional(json, "store_id", evt.StoreId);
            WriteOptional(json, "zone", evt.Zone);
            WriteOptional(json, "order_id", evt.OrderId);
            if (!evt.Products.IsDefaultOrEmpty)
            {
                json.WriteStartArray("products");
                foreach (var line in evt.Products)
                {
                    json.WriteStartObject();
                    json.WriteString("product_id", line.ProductId);
                    if (line.Price is { } linePrice) json.WriteNumber("price", linePrice);
                    json.WriteNumber("quantity", line.Quantity);
                    WriteOptional(json, "category", line.Category);
                    WriteOptional(json, "brand", line.Brand);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
