using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Personalization.Domain;
using Personalization.Queries;

namespace Personalization.Grains;

/// <summary>
/// Orchestrates a query: reads the shopper's context, the neighbour lists of the anchors and the
/// trending boards (all from grain memory, in parallel), lets <see cref="OfferComposer"/> rank, then
/// checks the best candidates against their product cards.
/// </summary>
[StatelessWorker]
public sealed class OfferGrain(IOptions<RankingOptions> ranking) : Grain, IOfferGrain
{
    private const int NeighboursPerAnchor = 50;
    private const int TrendingDepth = 100;

    async Task<OfferList> IOfferGrain.GetOffers(OfferRequest request)
    {
        var customer = request.CustomerId is { } customerId
            ? await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetSnapshot()
            : null;
        var sessionKey = request.SessionId ?? customer?.LastSessionKey;
        var session = sessionKey is null ? null : await GrainFactory.GetGrain<ISessionGrain>(sessionKey).GetSnapshot();

        var plan = OfferPlan.For(request, customer, session, ranking.Value);
        var neighbours = Gather(plan.Anchors.Select(a => a.ProductId), id => GrainFactory.GetGrain<IProductGrain>(id).GetNeighbours(NeighboursPerAnchor));
        var byCategory = Gather(plan.Categories.Select(c => c.Key), c => Trending(TrendingScopes.Category(c)));
        var inStore = plan.StoreId is { } store ? Trending(TrendingScopes.Store(store)) : Task.FromResult<IReadOnlyList<TrendingEntry>>([]);
        var all = Trending(TrendingScopes.All);

        var candidates = OfferComposer.Score(plan, await neighbours, await byCategory, await inStore, await all);
        var offers = await CheckAgainstCatalog(plan, candidates);
        return new OfferList(offers, plan.Personalized, "heuristic");
    }

    async Task<SimilarProductList> IOfferGrain.GetSimilar(string productId, SimilarityKind kind, int limit)
    {
        var source = GrainFactory.GetGrain<IProductGrain>(productId);
        var lists = await source.GetNeighbours(Math.Max(limit * 3, 30));
        var blended = SimilarityBlender.Blend(lists, kind);
        var cards = await Cards(blended.Take(limit * 2).Select(b => b.ProductId).Append(productId));
        var sourceCard = cards[productId];

        var products = blended
            .Where(b => cards.TryGetValue(b.ProductId, out var card) && card.Active && card.InStock)
            .Take(limit)
            .Select(b => new SimilarProduct(b.ProductId, Math.Round(b.Score, 6), SimilarityBlender.ReasonFor(b.Relation, sourceCard), cards[b.ProductId]));
        return new SimilarProductList(productId, kind, [.. products]);
    }

    /// <summary>
    /// Fetches cards for the best candidates in rounds until enough pass the filters, so a strict
    /// filter (a low maxPrice, a small category) still fills the list when candidates allow.
    /// </summary>
    private async Task<System.Collections.Immutable.ImmutableArray<Offer>> CheckAgainstCatalog(OfferPlan plan, List<OfferComposer.Candidate> candidates)
    {
        var limit = plan.Request.Limit;
        var chunk = Math.Max(limit * 3, 30);
        var cards = await Cards(candidates.Take(chunk).Select(c => c.ProductId).Concat(plan.Anchors.Select(a => a.ProductId)));
        var offers = OfferComposer.Finalize(plan, candidates.Take(chunk), cards);
        for (var start = chunk; offers.Length < limit && start < candidates.Count && start < chunk * 4; start += chunk)
        {
            foreach (var (id, card) in await Cards(candidates.Skip(start).Take(chunk).Select(c => c.ProductId))) cards[id] = card;
            offers = OfferComposer.Finalize(plan, candidates.Take(start + chunk), cards);
        }

        return offers;
    }

    private async Task<Dictionary<string, ProductCard>> Cards(IEnumerable<string> productIds)
    {
        var ids = productIds.Distinct(StringComparer.Ordinal).ToList();
        var cards = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IProductGrain>(id).GetCard()));
        return cards.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<TrendingEntry>> Trending(string scope) =>
        await GrainFactory.GetGrain<ITrendingGrain>(scope).GetTop(TrendingDepth);

    private static async Task<IReadOnlyDictionary<string, T>> Gather<T>(IEnumerable<string> keys, Func<string, Task<T>> fetch)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        var values = await Task.WhenAll(distinct.Select(fetch));
        return distinct.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }
}
