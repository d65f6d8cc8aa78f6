using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// Turns histories into NDJSON event batches in the public contract (docs/events.md): one
/// <c>Order Completed</c> per order, keyed by the user and a per-user session, its messageId derived
/// from the order so a retried batch is not applied twice. Only <see cref="UserCase.History"/> is
/// ever written: the held-back targets have no path into a batch.
/// </summary>
public static class ReplayEvents
{
    public const int MaxProductsPerEvent = 500;

    public static string SessionOf(string userId) => "replay-" + userId;

    /// <summary>Batches of whole users (a user's events never straddle two batches that may race).</summary>
    public static IEnumerable<(byte[] Body, int Events)> Batches(IEnumerable<UserCase> users, IReadOnlyDictionary<string, CatalogItem> catalog, int maxEvents, int maxBytes)
    {
        var buffer = new ArrayBufferWriter<byte>(maxBytes);
        var events = 0;
        foreach (var user in users)
        {
            var start = buffer.WrittenCount;
            var userEvents = Write(buffer, user, catalog);
            if (events > 0 && (events + userEvents > maxEvents || buffer.WrittenCount > maxBytes))
            {
                var head = buffer.WrittenSpan[..start].ToArray();
                var rest = buffer.WrittenSpan[start..].ToArray();
                buffer.ResetWrittenCount();
                buffer.Write(rest);
                yield return (head, events);
                events = 0;
            }

            events += userEvents;
        }

        if (events > 0) yield return (buffer.WrittenSpan.ToArray(), events);
    }

    /// <summary>The events of one user, oldest first: the expected per-user and per-product counts.</summary>
    public static IEnumerable<(string MessageId, DateTimeOffset Timestamp, IReadOnlyList<OrderLine> Lines)> EventsOf(UserCase user)
    {
        foreach (var order in user.History)
        {
            for (var part = 0; part * MaxProductsPerEvent < order.Lines.Count; part++)
            {
                var id = part == 0 ? $"{user.UserId}:{order.OrderId}" : $"{user.UserId}:{order.OrderId}:{part}";
                yield return (id, order.Timestamp, order.Lines.Skip(part * MaxProductsPerEvent).Take(MaxProductsPerEvent).ToList());
            }
        }
    }

    private static int Write(ArrayBufferWriter<byte> buffer, UserCase user, IReadOnlyDictionary<string, CatalogItem> catalog)
    {
        var count = 0;
        foreach (var (messageId, timestamp, lines) in EventsOf(user))
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("type", "track");
                json.WriteString("event", "Order Completed");
                json.WriteString("messageId", messageId);
                json.WriteString("userId", user.UserId);
                json.WriteString("sessionId", SessionOf(user.UserId));
                json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteStartObject("properties");
                json.WriteString("order_id", messageId);
                json.WriteStartArray("products");
                foreach (var line in lines)
                {
                    json.WriteStartObject();
                    json.WriteString("product_id", line.ProductId);
                    json.WriteNumber("quantity", line.Quantity);
                    if (line.Price is { } price) json.WriteNumber("price", price);
                    if (catalog.TryGetValue(line.ProductId, out var item))
                    {
                        if (item.CategoryPath.Count > 0) json.WriteString("category", item.CategoryPath[^1]);
                        if (item.Brand is { } brand) json.WriteString("brand", brand);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            buffer.Write("\n"u8);
            count++;
        }

        return count;
    }
}
