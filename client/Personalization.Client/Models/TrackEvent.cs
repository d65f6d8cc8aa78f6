using System.Text.Json.Serialization;

namespace Personalization.Client.Models;

/// <summary>
/// One shopper event in the API's contract (docs/events.md: Segment e-commerce spec v2 names). A retry
/// sends the same <see cref="MessageId"/>, which the cluster applies once.
/// </summary>
public sealed record TrackEvent
{
    public string Type { get; init; } = "track";
    /// <summary>The event name, e.g. <c>Product Viewed</c>, <c>Order Completed</c>.</summary>
    public required string Event { get; init; }
    public string MessageId { get; init; } = Guid.NewGuid().ToString("N");
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UserId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AnonymousId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SessionId { get; init; }
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>Event properties with the contract's names (<c>product_id</c>, <c>category</c>, <c>price</c>, <c>products</c>, ...).</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();

    public static TrackEvent ProductViewed(string? userId, string productId, string? sessionId = null, string? category = null, DateTimeOffset? at = null) => new()
    {
        Event = "Product Viewed",
        UserId = userId,
        SessionId = sessionId,
        Timestamp = at ?? DateTimeOffset.UtcNow,
        Properties = new Dictionary<string, object?> { ["product_id"] = productId, ["category"] = category },
    };

    public static TrackEvent ProductAdded(string? userId, string productId, string? sessionId = null, int quantity = 1, DateTimeOffset? at = null) => new()
    {
        Event = "Product Added",
        UserId = userId,
        SessionId = sessionId,
        Timestamp = at ?? DateTimeOffset.UtcNow,
        Properties = new Dictionary<string, object?> { ["product_id"] = productId, ["quantity"] = quantity },
    };
}
