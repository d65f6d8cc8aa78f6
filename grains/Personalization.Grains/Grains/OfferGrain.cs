using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Personalization.Domain;
using Personalization.Queries;

namespace Personalization.Grains;

/// <summary>
/// Answers a query from grain memory: <see cref="OfferRanker"/> ranks, reading the customer,
/// session, product and trending grains through this grain (all reads, no storage).
/// </summary>
[StatelessWorker]
public sealed class OfferGrain(IOptions<RankingOptions> ranking) : Grain, IOfferGrain, IOfferSources
{
    Task<OfferList> IOfferGrain.GetOffers(OfferRequest request) => OfferRanker.GetOffers(request, this, ranking.Value);

    async Task<SimilarProductList> IOfferGrain.GetSimilar(string productId, SimilarityKind kind, int limit)
    {
        var source = GrainFactory.GetGrain<IProductGrain>(productId);
        var lists = await source.GetNeighbours(Math.Max(limit * 3, 30));
        var blended = SimilarityBlender.Blend(lists, kind);
        var cards = await OfferRanker.Cards(blended.Take(limit * 2).Select(b => b.ProductId).Append(productId), this);
        var sourceCard = cards[productId];

        var products = blended
            .Where(b => cards.TryGetValue(b.ProductId, out var card) && card.Active && card.InStock)
            .Take(limit)
            .Select(b => new SimilarProduct(b.ProductId, Math.Round(b.Score, 6), SimilarityBlender.ReasonFor(b.Relation, sourceCard), cards[b.ProductId]));
        return new SimilarProductList(productId, kind, [.. products]);
    }

    async Task<ShopperSnapshot?> IOfferSources.Customer(string customerId) => await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetSnapshot();

    async Task<SessionSnapshot?> IOfferSources.Session(string sessionKey) => await GrainFactory.GetGrain<ISessionGrain>(sessionKey).GetSnapshot();

    Task<ProductNeighbours> IOfferSources.Neighbours(string productId, int limit) => GrainFactory.GetGrain<IProductGrain>(productId).GetNeighbours(limit);

    async Task<IReadOnlyList<TrendingEntry>> IOfferSources.Trending(string scope, int limit) => await GrainFactory.GetGrain<ITrendingGrain>(scope).GetTop(limit);

    Task<ProductCard> IOfferSources.Card(string productId) => GrainFactory.GetGrain<IProductGrain>(productId).GetCard();
}
