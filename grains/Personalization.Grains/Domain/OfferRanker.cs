using System.Collections.Immutable;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// One offers query from start to end: read the shopper's context, plan, fetch the anchors'
/// neighbour lists and the trending boards (in parallel), generate and score candidates with
/// <see cref="OfferComposer"/>, then check the best against their product cards. With a learned
/// model loaded, the heuristic's best <see cref="RankingOptions.ModelCandidates"/> form the shortlist
/// the model re-orders (<see cref="OfferShortlist"/>); the heuristic stays the answer when no model
/// is loaded, when the shopper has no anchors (the model was trained on shoppers with history), and
/// when the model fails.
/// </summary>
public static class OfferRanker
{
    public const int NeighboursPerAnchor = 50;
    public const int TrendingDepth = 100;
    public const string Heuristic = "heuristic";

    public static string ModelName(string version) => "model:" + version;

    public static async Task<OfferList> GetOffers(
        OfferRequest request, IOfferSources sources, RankingOptions options, IOfferScorer? scorer = null, Action<Exception>? modelFailed = null)
    {
        var (plan, candidates) = await Candidates(request, sources, options);
        if (scorer is not null && plan.Anchors.Count > 0)
        {
            try
            {
                var shortlist = await OfferShortlist.Build(plan, candidates, options.ModelCandidates, sources);
                var offers = await RankWithModel(shortlist, candidates, scorer, sources);
                return new OfferList(offers, plan.Personalized, ModelName(scorer.Version));
            }
            catch (Exception exception) when (modelFailed is not null)
            {
                modelFailed(exception);
            }
        }

        return new OfferList(await CheckAgainstCatalog(plan, candidates, sources), plan.Personalized, Heuristic);
    }

    /// <summary>The plan and every candidate the sources name, best heuristic score first.</summary>
    public static async Task<(OfferPlan Plan, List<OfferComposer.Candidate> Candidates)> Candidates(OfferRequest request, IOfferSources sources, RankingOptions options)
    {
        var customer = request.CustomerId is { } customerId ? await sources.Customer(customerId) : null;
        var sessionKey = request.SessionId ?? customer?.LastSessionKey;
        var session = sessionKey is null ? null : await sources.Session(sessionKey);

        var plan = OfferPlan.For(request, customer, session, options);
        var neighbours = Gather(plan.Anchors.Select(a => a.ProductId), id => sources.Neighbours(id, NeighboursPerAnchor));
        var byCategory = Gather(plan.Categories.Select(c => c.Key), c => sources.Trending(TrendingScopes.Category(c), TrendingDepth));
        var inStore = plan.StoreId is { } store ? sources.Trending(TrendingScopes.Store(store), TrendingDepth) : Task.FromResult<IReadOnlyList<TrendingEntry>>([]);
        var all = sources.Trending(TrendingScopes.All, TrendingDepth);

        return (plan, OfferComposer.Score(plan, await neighbours, await byCategory, await inStore, await all, options));
    }

    /// <summary>
    /// Orders the shortlist by the model's score; reasons still come from the strongest contributions.
    /// Should filters leave the shortlist short of the limit, heuristic candidates beyond it fill up.
    /// </summary>
    private static async Task<ImmutableArray<Offer>> RankWithModel(
        OfferShortlist shortlist, List<OfferComposer.Candidate> candidates, IOfferScorer scorer, IOfferSources sources)
    {
        var limit = shortlist.Plan.Request.Limit;
        var scores = new float[shortlist.Count];
        scorer.Score(shortlist.Features, shortlist.Count, scores);
        var order = Enumerable.Range(0, shortlist.Count)
            .OrderByDescending(i => scores[i])
            .ThenByDescending(i => shortlist.Candidates[i].Score)
            .ThenBy(i => shortlist.Candidates[i].ProductId, StringComparer.Ordinal)
            .Take(limit);
        var offers = order.Select(i => OfferComposer.ToOffer(shortlist.Candidates[i], scores[i], shortlist.Cards[shortlist.Candidates[i].ProductId], shortlist.Cards)).ToList();
        if (offers.Count < limit && candidates.Count > shortlist.Depth)
        {
            var rest = await CheckAgainstCatalog(shortlist.Plan, candidates.Skip(shortlist.Depth).ToList(), sources);
            var lowest = offers.Count > 0 ? offers[^1].Score : 0;
            offers.AddRange(rest.Take(limit - offers.Count).Select(o => o with { Score = Math.Round(lowest - 1, 6) }));
        }

        return [.. offers];
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
