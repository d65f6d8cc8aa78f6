namespace Personalization.Queries;

/// <summary>Why a product is offered: a stable kind for code, a sentence for people.</summary>
[GenerateSerializer, Immutable]
public sealed record OfferReason(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Text,
    [property: Id(2)] string? RelatedProductId = null);

public static class ReasonKinds
{
    public const string ViewedTogether = "viewed-together";
    public const string BoughtTogether = "bought-together";
    public const string SimilarTo = "similar-to";
    public const string Affinity = "affinity";
    public const string Trending = "trending";
    public const string TrendingInCategory = "trending-in-category";
    public const string PopularInStore = "popular-in-store";
}
