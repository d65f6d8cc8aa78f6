using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Personalization.Events;

/// <summary>
/// Turns one JSON event (the public contract in docs/events.md) into a <see cref="ShopperEvent"/> or a
/// precise rejection. Used by every ingestion path (HTTP, log adapters, MQTT bridge) so that all of
/// them accept and refuse exactly the same events.
/// </summary>
public sealed class EventValidator(EventLimits limits, TimeProvider clock)
{
    public EventLimits Limits => limits;

    public EventValidation Validate(JsonElement element)
    {
        var read = new JsonFieldReader(limits);
        if (element.ValueKind != JsonValueKind.Object)
        {
            read.Fail(EventErrors.NotAnObject, null, $"An event must be a JSON object, not {JsonFieldReader.Describe(element.ValueKind)}.");
            return new EventValidation(null, read.Error, null);
        }

        var messageId = read.Id(element, "messageId", "messageId", required: true);
        var evt = Read(element, read, messageId);
        return new EventValidation(read.Failed ? null : evt, read.Error, messageId);
    }

    private ShopperEvent? Read(JsonElement element, JsonFieldReader read, string? messageId)
    {
        var type = read.String(element, "type", "type", required: false);
        if (type is not null && !type.Equals("track", StringComparison.OrdinalIgnoreCase))
        {
            read.Fail(EventErrors.UnsupportedType, "type", $"Only 'track' events are accepted; got '{type}'.");
        }

        var name = read.String(element, "event", "event", required: true);
        var kind = default(EventKind);
        if (name is not null && !EventNames.TryGetKind(name, out kind))
        {
            read.Fail(EventErrors.UnknownEvent, "event", $"Unknown event '{name}'. Known events: {string.Join(", ", EventNames.Known)}.");
        }

        var userId = read.Id(element, "userId", "userId", required: false);
        var anonymousId = read.Id(element, "anonymousId", "anonymousId", required: false);
        var sessionId = read.Id(element, "sessionId", "sessionId", required: false);
        var timestamp = ReadTimestamp(element, read);
        var properties = read.Object(element, "properties", "properties") ?? default;
        if (read.Failed) return null;

        var hasProperties = properties.ValueKind == JsonValueKind.Object;
        var productId = hasProperties ? read.Id(properties, "product_id", "properties.product_id", required: NeedsProduct(kind)) : null;
        var category = hasProperties ? read.String(properties, "category", "properties.category", required: false, limits.MaxTextLength) : null;
        var brand = hasProperties ? read.String(properties, "brand", "properties.brand", required: false, limits.MaxTextLength) : null;
        var price = hasProperties ? read.Price(properties, "price", "properties.price") : null;
        var quantity = hasProperties ? read.Quantity(properties, "quantity", "properties.quantity") : 1;
        var query = hasProperties ? read.String(properties, "query", "properties.query", required: kind == EventKind.ProductsSearched, limits.MaxTextLength) : null;
        var storeId = hasProperties ? read.Id(properties, "store_id", "properties.store_id", required: IsInStore(kind)) : null;
        var zone = hasProperties ? read.Id(properties, "zone", "properties.zone", required: kind == EventKind.BeaconZoneEntered) : null;
        var orderId = hasProperties ? read.Id(properties, "order_id", "properties.order_id", required: false) : null;
        var products = hasProperties ? ReadProducts(properties, read) : [];

        if (!hasProperties && (NeedsProduct(kind) || IsInStore(kind) || kind is EventKind.ProductsSearched or EventKind.OrderCompleted))
        {
            read.Fail(EventErrors.MissingField, "properties", $"'{EventNames.NameOf(kind)}' needs 'properties'.");
        }

        if (kind == EventKind.OrderCompleted && !read.Failed && products.IsEmpty)
        {
            read.Fail(EventErrors.MissingField, "properties.products", "'Order Completed' needs a non-empty 'properties.products' array.");
        }

        if (userId is null && anonymousId is null && kind != EventKind.ShelfItemPickedUp && !read.Failed)
        {
            read.Fail(EventErrors.MissingField, "userId", "An event needs 'userId' or 'anonymousId'.");
        }

        if (read.Failed) return null;

        var shopper = userId ?? anonymousId;
        return new ShopperEvent
        {
            MessageId = messageId!,
            Kind = kind,
            UserId = userId,
            AnonymousId = anonymousId,
            SessionKey = sessionId ?? (shopper is null ? null : "auto:" + shopper),
            Timestamp = timestamp!.Value,
            ProductId = productId,
            Category = category,
            Brand = brand,
            Price = price,
            Quantity = quantity,
            Products = products,
            Query = query,
            StoreId = storeId,
            Zone = zone,
            OrderId = orderId,
        };
    }

    private DateTimeOffset? ReadTimestamp(JsonElement element, JsonFieldReader read)
    {
        var text = read.String(element, "timestamp", "timestamp", required: true, maxLength: 64);
        if (text is null) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            read.Fail(EventErrors.InvalidTimestamp, "timestamp", $"'timestamp' must be an ISO 8601 date and time such as 2026-12-03T10:15:00Z; got '{text}'.");
            return null;
        }

        var latest = clock.GetUtcNow() + limits.MaxFutureSkew;
        if (timestamp > latest)
        {
            read.Fail(EventErrors.TimestampInFuture, "timestamp", $"'timestamp' {text} is more than {limits.MaxFutureSkew} ahead of the server clock.");
            return null;
        }

        if (timestamp < limits.OldestTimestamp)
        {
            read.Fail(EventErrors.OutOfRange, "timestamp", $"'timestamp' {text} is before {limits.OldestTimestamp:yyyy-MM-dd}.");
            return null;
        }

        return timestamp;
    }

    private ImmutableArray<LineItem> ReadProducts(JsonElement properties, JsonFieldReader read)
    {
        if (read.Array(properties, "products", "properties.products") is not { } array) return [];
        var count = array.GetArrayLength();
        if (count > limits.MaxProductsPerEvent)
        {
            read.Fail(EventErrors.OutOfRange, "properties.products", $"'properties.products' has {count} items; the limit is {limits.MaxProductsPerEvent}.");
            return [];
        }

        var lines = ImmutableArray.CreateBuilder<LineItem>(count);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"properties.products[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                read.Fail(EventErrors.WrongType, path, $"'{path}' must be an object, not {JsonFieldReader.Describe(item.ValueKind)}.");
                return [];
            }

            var productId = read.Id(item, "product_id", path + ".product_id", required: true);
            var price = read.Price(item, "price", path + ".price");
            var quantity = read.Quantity(item, "quantity", path + ".quantity");
            var category = read.String(item, "category", path + ".category", required: false, limits.MaxTextLength);
            var brand = read.String(item, "brand", path + ".brand", required: false, limits.MaxTextLength);
            if (read.Failed) return [];
            lines.Add(new LineItem(productId!, price, quantity, category, brand));
        }

        return lines.MoveToImmutable();
    }

    private static bool NeedsProduct(EventKind kind) =>
        kind is EventKind.ProductViewed or EventKind.ProductClicked or EventKind.ProductAdded or EventKind.ProductRemoved or EventKind.ShelfItemPickedUp;

    private static bool IsInStore(EventKind kind) => kind is EventKind.BeaconZoneEntered or EventKind.ShelfItemPickedUp;
}
