using System.Collections.Immutable;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// One offers query from start to end: read the shopper's context, plan, fetch the anchors'
/// neighbour lists and the trending boards (in parallel), score with <see cref="OfferComposer"/>,
/// then check the best candidates against their product cards.
/// </summary>
public static class OfferRanker
{
    public const int NeighboursPerAnchor = 50;
    public const int TrendingDepth = 100;

    public static async Task<OfferList> GetOffers(OfferRequest request, IOfferSources sources, RankingOptions options)
    {
        var customer = request.CustomerId is { } customerId ? await sources.Customer(customerId) : null;
        var sessionKey = request.SessionId ?? customer?.LastSessionKey;
        var session = sessionKey is null ? null : await sources.Session(sessionKey);

        var plan = OfferPlan.For(request, customer, session, options);
        var neighbours = Gather(plan.Anchors.Select(a => a.ProductId), id => sources.Neighbours(id, NeighboursPerAnchor));
        var byCategory = Gather(plan.Categories.Select(c => c.Key), c => sources.Trending(TrendingScopes.Category(c), TrendingDepth));
        var inStore = plan.StoreId is { } store ? sources.Trending(TrendingScopes.Store(store), TrendingDepth) : Task.FromResult<IReadOnlyList<TrendingEntry>>([]);
        var all = sources.Trending(TrendingScopes.All, TrendingDepth);

        var candidates = OfferComposer.Score(plan, await neighbours, await byCategory, await inStore, await all, options);
        var offers = await CheckAgainstCatalog(plan, candidates, sources);
        return new OfferList(offers, plan.Personalized, "heuristic");
    }

    /// <summary>
    /// Fetches cards for the best candidates in rounds until enough pass the filters, so a strict
    /// filter (a low maxPrice, a small category) still fills the list when candidates allow.
    /// </summary>
    private static async Task<ImmutableArray<Offer>> CheckAgainstCatalog(OfferPlan plan, List<OfferComposer.Candidate> candidates, IOfferSources sources)
    {
        var limit = plan.Request.Limit;
        var chunk = Math.Max(limit * 3, 30);
        var cards = await Cards(candidates.Take(chunk).Select(c => c.ProductId).Concat(plan.Anchors.Select(a => a.ProductId)), sources);
        var offers = OfferComposer.Finalize(plan, candidates.Take(chunk), cards);
        for (var start = chunk; offers.Length < limit && start < candidates.Count && start < chunk * 4; start += chunk)
        {
            foreach (var (id, card) in await Cards(candidates.Skip(start).Take(chunk).Select(c => c.ProductId), sources)) cards[id] = card;
            offers = OfferComposer.Finalize(plan, candidates.Take(start + chunk), cards);
        }

        return offers;
    }

    public static async Task<Dictionary<string, ProductCard>> Cards(IEnumerable<string> productIds, IOfferSources sources)
    {
        var ids = productIds.Distinct(StringComparer.Ordinal).ToList();
        var cards = await Task.WhenAll(ids.Select(sources.Card));
        return cards.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyDictionary<string, T>> Gather<T>(IEnumerable<string> keys, Func<string, Task<T>> fetch)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        var values = await Task.WhenAll(distinct.Select(fetch));
        return distinct.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }
}
