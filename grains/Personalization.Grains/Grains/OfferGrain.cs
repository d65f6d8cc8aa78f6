using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Personalization.Domain;
using Personalization.Queries;
using Personalization.Ranking;

namespace Personalization.Grains;

/// <summary>
/// Answers a query from grain memory: <see cref="OfferRanker"/> ranks, reading the customer,
/// session, product and trending grains through this grain (all reads, no storage), with the
/// silo's learned model when one is loaded (<see cref="RankingModelSlot"/>).
/// </summary>
[StatelessWorker]
public sealed partial class OfferGrain(IOptions<RankingOptions> ranking, RankingModelSlot model, ILogger<OfferGrain> logger) : Grain, IOfferGrain, IOfferSources
{
    Task<OfferList> IOfferGrain.GetOffers(OfferRequest request) =>
        OfferRanker.GetOffers(request, this, ranking.Value, model.Current, e => LogModelFailed(logger, e, model.Current?.Version));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer model {Version} failed on a query; the heuristic answered it")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string? version);

    Task<SimilarProductList> IOfferGrain.GetSimilar(string productId, SimilarityKind kind, int limit) =>
        SimilarProductsQuery.GetAsync(productId, kind, limit, this);

    async Task<ShopperSnapshot?> IOfferSources.Customer(string customerId) => await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetSnapshot();

    async Task<SessionSnapshot?> IOfferSources.Session(string sessionKey) => await GrainFactory.GetGrain<ISessionGrain>(sessionKey).GetSnapshot();

    Task<ProductNeighbours> IOfferSources.Neighbours(string productId, int limit) => GrainFactory.GetGrain<IProductGrain>(productId).GetNeighbours(limit);

    async Task<IReadOnlyList<TrendingEntry>> IOfferSources.Trending(string scope, int limit) => await GrainFactory.GetGrain<ITrendingGrain>(scope).GetTop(limit);

    Task<ProductCard> IOfferSources.Card(string productId) => GrainFactory.GetGrain<IProductGrain>(productId).GetCard();
}
