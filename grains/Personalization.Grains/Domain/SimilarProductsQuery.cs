using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// One similar-products query: the product's neighbour lists blended (<see cref="SimilarityBlender"/>),
/// then checked against their cards (active, in stock). Reads through <see cref="IOfferSources"/>, so the
/// offer grain and the bench's in-process system run the same code.
/// </summary>
public static class SimilarProductsQuery
{
    public static async Task<SimilarProductList> GetAsync(string productId, SimilarityKind kind, int limit, IOfferSources sources)
    {
        var lists = await sources.Neighbours(productId, Math.Max(limit * 3, 30));
        var blended = SimilarityBlender.Blend(lists, kind);
        var cards = await OfferRanker.Cards(blended.Take(limit * 2).Select(b => b.ProductId).Append(productId), sources);
        var sourceCard = cards[productId];

        var products = blended
            .Where(b => cards.TryGetValue(b.ProductId, out var card) && card.Active && card.InStock)
            .Take(limit)
            .Select(b => new SimilarProduct(b.ProductId, Math.Round(b.Score, 6), SimilarityBlender.ReasonFor(b.Relation, sourceCard), cards[b.ProductId]));
        return new SimilarProductList(productId, kind, [.. products]);
    }
}
