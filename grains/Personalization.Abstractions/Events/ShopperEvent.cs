using System.Collections.Immutable;

namespace Personalization.Events;

/// <summary>
/// A validated event, as it travels on the streams. Built only by <see cref="EventValidator"/>, so a
/// grain can trust every field: ids are non-empty and bounded, prices and quantities are in range.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShopperEvent
{
    [Id(0)] public required string MessageId { get; init; }
    [Id(1)] public required EventKind Kind { get; init; }
    [Id(2)] public string? UserId { get; init; }
    [Id(3)] public string? AnonymousId { get; init; }
    /// <summary>The session: the given <c>sessionId</c>, else one derived from the shopper; null for shopper-less device events.</summary>
    [Id(4)] public string? SessionKey { get; init; }
    [Id(5)] public required DateTimeOffset Timestamp { get; init; }
    [Id(6)] public string? ProductId { get; init; }
    [Id(7)] public string? Category { get; init; }
    [Id(8)] public string? Brand { get; init; }
    [Id(9)] public decimal? Price { get; init; }
    [Id(10)] public int Quantity { get; init; }
    [Id(11)] public ImmutableArray<LineItem> Products { get; init; } = [];
    [Id(12)] public string? Query { get; init; }
    [Id(13)] public string? StoreId { get; init; }
    [Id(14)] public string? Zone { get; init; }
    [Id(15)] public string? OrderId { get; init; }

    /// <summary>
    /// The key that orders a shopper's events on the log: the customer id, else the anonymous id; a
    /// shelf event without a shopper is ordered by its store.
    /// </summary>
    public string PartitionKey => UserId ?? AnonymousId ?? "store:" + StoreId;

    /// <summary>Every product the event is about, with the quantity it concerns.</summary>
    public IEnumerable<LineItem> ProductLines()
    {
        if (ProductId is not null)
        {
            yield return new LineItem(ProductId, Price, Quantity, Category, Brand);
        }

        foreach (var line in Products)
        {
            yield return line;
        }
    }
}
