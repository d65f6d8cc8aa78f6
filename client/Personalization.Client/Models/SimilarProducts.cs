namespace Personalization.Client.Models;

public enum SimilarityKind
{
    /// <summary>Viewed or bought together.</summary>
    Behavior,
    /// <summary>Similar catalogue text and attributes.</summary>
    Content,
    /// <summary>Both, blended (the API's default).</summary>
    Blend,
}

public sealed record SimilarProductList(string ProductId, SimilarityKind Kind, IReadOnlyList<SimilarProduct> Products);

public sealed record SimilarProduct(string ProductId, double Score, OfferReason Reason, ProductCard Product);
