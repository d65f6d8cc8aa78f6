using System.Collections.Immutable;

namespace Personalization.Grains;

/// <summary>What the offer composer needs to know of a known customer; a copy of grain memory.</summary>
[GenerateSerializer, Immutable]
public sealed record ShopperSnapshot
{
    [Id(0)] public required string CustomerId { get; init; }
    [Id(1)] public bool Consent { get; init; } = true;
    [Id(2)] public string? HomeStoreId { get; init; }
    /// <summary>The store where the customer was last seen (beacon or shelf event).</summary>
    [Id(3)] public string? LastStoreId { get; init; }
    [Id(4)] public ImmutableArray<RecentItem> RecentItems { get; init; } = [];
    [Id(5)] public ImmutableArray<RecentItem> Purchases { get; init; } = [];
    [Id(6)] public ImmutableArray<WeightedKey> TopCategories { get; init; } = [];
    [Id(7)] public ImmutableArray<WeightedKey> TopBrands { get; init; } = [];
    [Id(8)] public string? LastSessionKey { get; init; }
    [Id(9)] public long EventCount { get; init; }
}

/// <summary>A session's short-term context.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionSnapshot
{
    [Id(0)] public required string SessionKey { get; init; }
    [Id(1)] public ImmutableArray<RecentItem> RecentItems { get; init; } = [];
    [Id(2)] public ImmutableArray<string> Cart { get; init; } = [];
    [Id(3)] public ImmutableArray<string> Purchased { get; init; } = [];
    [Id(4)] public string? StoreId { get; init; }
    [Id(5)] public string? Zone { get; init; }
    [Id(6)] public string? LastQuery { get; init; }
    [Id(7)] public long EventCount { get; init; }
}
