using System.Collections.Immutable;

namespace Personalization.Queries;

public enum SimilarityKind
{
    /// <summary>Item-to-item from co-occurrence in sessions and orders.</summary>
    Behavior,
    /// <summary>From catalogue text and attributes.</summary>
    Content,
    /// <summary>Both, blended; the default.</summary>
    Blend,
}

[GenerateSerializer, Immutable]
public sealed record SimilarProduct(
    [property: Id(0)] string ProductId,
    [property: Id(1)] double Score,
    [property: Id(2)] OfferReason Reason,
    [property: Id(3)] ProductCard Product);

[GenerateSerializer, Immutable]
public sealed record SimilarProductList(
    [property: Id(0)] string ProductId,
    [property: Id(1)] SimilarityKind Kind,
    [property: Id(2)] ImmutableArray<SimilarProduct> Products);
