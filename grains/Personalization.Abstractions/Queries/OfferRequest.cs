namespace Personalization.Queries;

/// <summary>What a storefront asks for: offers for a customer, an anonymous session, or both.</summary>
[GenerateSerializer, Immutable]
public sealed record OfferRequest
{
    [Id(0)] public string? CustomerId { get; init; }
    [Id(1)] public string? SessionId { get; init; }
    [Id(2)] public int Limit { get; init; } = 10;
    /// <summary>Only products in this category (any level of the category path).</summary>
    [Id(3)] public string? Category { get; init; }
    [Id(4)] public decimal? MaxPrice { get; init; }
    /// <summary>The store the shopper is in now; overrides the store known from the profile or beacons.</summary>
    [Id(5)] public string? StoreId { get; init; }
    /// <summary>Leave out every product the shopper already interacted with (not only the purchased ones).</summary>
    [Id(6)] public bool ExcludeSeen { get; init; }
}
