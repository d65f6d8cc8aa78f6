namespace Personalization.Client.Models;

/// <summary>Ranked offers for a customer or a session (<c>GET /v1/customers/{id}/offers</c>).</summary>
public sealed record OfferList(IReadOnlyList<Offer> Offers, bool Personalized, string Ranker);

public sealed record Offer(string ProductId, double Score, IReadOnlyList<OfferReason> Reasons, ProductCard Product);

/// <summary>Why a product is offered: <see cref="Kind"/> for code (viewed-together, trending, ...), <see cref="Text"/> to show.</summary>
public sealed record OfferReason(string Kind, string Text, string? RelatedProductId = null);

/// <summary>What a storefront shows of a product.</summary>
public sealed record ProductCard
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string> CategoryPath { get; init; } = [];
    public string? Brand { get; init; }
    public decimal? Price { get; init; }
    public string? Currency { get; init; }
    public bool InStock { get; init; } = true;
    public bool Active { get; init; } = true;
    public bool InCatalog { get; init; }
}

/// <summary>Optional filters of an offers query.</summary>
public sealed record OfferQuery
{
    /// <summary>The shopper's current session, for in-session candidates.</summary>
    public string? SessionId { get; init; }
    /// <summary>How many offers (1 to the API's maximum, 100 by default). Default: the API's 10.</summary>
    public int? Limit { get; init; }
    public string? Category { get; init; }
    public decimal? MaxPrice { get; init; }
    public string? StoreId { get; init; }
}
