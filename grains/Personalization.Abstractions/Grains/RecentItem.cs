using Personalization.Events;

namespace Personalization.Grains;

/// <summary>A product a shopper interacted with, and how and when.</summary>
[GenerateSerializer, Immutable]
public sealed record RecentItem(
    [property: Id(0)] string ProductId,
    [property: Id(1)] EventKind Kind,
    [property: Id(2)] DateTimeOffset Timestamp);

/// <summary>A key (category, brand, product) with a weight, e.g. a customer affinity.</summary>
[GenerateSerializer, Immutable]
public sealed record WeightedKey(
    [property: Id(0)] string Key,
    [property: Id(1)] double Weight);
