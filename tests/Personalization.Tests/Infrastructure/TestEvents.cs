using System.Text.Json;
using System.Text.Json.Nodes;

namespace Personalization.Tests.Infrastructure;

/// <summary>Builds events in the public JSON contract (docs/events.md).</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset BaseTime = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject Viewed(string userId, string productId, string? sessionId = null, int minute = 0, string? category = null) =>
        Event("Product Viewed", userId, sessionId, minute, new JsonObject { ["product_id"] = productId, ["category"] = category });

    public static JsonObject Added(string userId, string productId, string? sessionId = null, int minute = 0) =>
        Event("Product Added", userId, sessionId, minute, new JsonObject { ["product_id"] = productId, ["quantity"] = 1 });

    public static JsonObject Ordered(string userId, string? sessionId, int minute, params string[] productIds) =>
        Event("Order Completed", userId, sessionId, minute, new JsonObject
        {
            ["order_id"] = "o-" + Guid.NewGuid().ToString("N")[..8],
            ["products"] = new JsonArray([.. productIds.Select(id => (JsonNode)new JsonObject { ["product_id"] = id, ["price"] = 10.5, ["quantity"] = 1 })]),
        });

    public static JsonObject Event(string name, string? userId, string? sessionId, int minute, JsonObject properties)
    {
        var evt = new JsonObject
        {
            ["type"] = "track",
            ["event"] = name,
            ["messageId"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = BaseTime.AddMinutes(minute).ToString("O"),
            ["properties"] = properties,
        };
        if (userId is not null) evt["userId"] = userId;
        if (sessionId is not null) evt["sessionId"] = sessionId;
        return evt;
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    public static JsonElement ToElement(this JsonNode node) => Parse(node.ToJsonString());

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
