using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// What a query's anchors say about the shopper's taste, for the candidate features: the category and
/// brand of the most recent anchor, and the typical price of what the shopper touched (geometric mean
/// of the anchors' known prices), so a candidate's price can be compared with the shopper's band.
/// </summary>
public sealed record AnchorProfile(string? RecentCategory, string? RecentBrand, double? LogPrice, IReadOnlyList<DateTimeOffset> Times)
{
    public static AnchorProfile From(OfferPlan plan, IReadOnlyDictionary<string, ProductCard> cards)
    {
        var anchorCards = plan.Anchors.Select(a => cards.GetValueOrDefault(a.ProductId)).ToList();
        var recent = anchorCards.Count > 0 ? anchorCards[0] : null;
        var logPrices = anchorCards.Where(c => c?.Price is > 0).Select(c => Math.Log((double)c!.Price!.Value)).ToList();
        return new AnchorProfile(
            recent?.Category,
            recent?.Brand,
            logPrices.Count > 0 ? logPrices.Average() : null,
            [.. plan.Anchors.Select(a => a.Timestamp)]);
    }
}
