using System.Collections.Immutable;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// The transparent heuristic ranker. A candidate's score is the sum of what each source says of it:
/// neighbours of the shopper's recent items (more recent anchors count more; each anchor's list is
/// scaled to its strongest entry so one busy product does not drown the others), trending in the
/// shopper's favourite categories, popular in the shopper's store, and trending overall as the weak
/// prior that makes every shopper, even a brand-new one, get offers. Each contribution keeps its
/// reason; an offer shows its strongest reasons.
/// </summary>
public static class OfferComposer
{
    private static readonly RankingOptions DefaultOptions = new();

    /// <summary>What each source contributed to a candidate, before catalogue filters.</summary>
    public sealed class Candidate(string productId)
    {
        public string ProductId { get; } = productId;
        public double Score { get; private set; }

        /// <summary>What each source said, apart: the learned ranker's input (<see cref="OfferFeatures"/>).</summary>
        public CandidateEvidence Evidence { get; } = new();

        /// <summary>The affinity bonus is added once, however many catalogue rounds see the candidate.</summary>
        public bool AffinityAdded { get; set; }
        public List<(double Contribution, OfferReason Reason)> Reasons { get; } = [];

        public void Add(double contribution, OfferReason reason)
        {
            if (contribution <= 0) return;
            Score += contribution;
            var existing = Reasons.FindIndex(r => r.Reason.Kind == reason.Kind && r.Reason.RelatedProductId == reason.RelatedProductId);
            if (existing >= 0) Reasons[existing] = (Reasons[existing].Contribution + contribution, Reasons[existing].Reason);
            else Reasons.Add((contribution, reason));
        }
    }

    public static List<Candidate> Score(
        OfferPlan plan,
        IReadOnlyDictionary<string, ProductNeighbours> neighbours,
        IReadOnlyDictionary<string, IReadOnlyList<TrendingEntry>> trendingByCategory,
        IReadOnlyList<TrendingEntry> trendingInStore,
        IReadOnlyList<TrendingEntry> trendingAll,
        RankingOptions? options = null)
    {
        options ??= DefaultOptions;
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        Candidate Get(string id) => candidates.TryGetValue(id, out var c) ? c : candidates[id] = new Candidate(id);

        var anchorWeight = 1.0;
        for (var a = 0; a < plan.Anchors.Count; a++)
        {
            var anchor = plan.Anchors[a];
            var strength = Math.Sqrt(EventWeights.Strength(anchor.Kind));
            if (neighbours.TryGetValue(anchor.ProductId, out var lists))
            {
                var top = lists.Behavior.IsEmpty ? 1 : lists.Behavior[0].Score;
                for (var rank = 0; rank < lists.Behavior.Length; rank++)
                {
                    var n = lists.Behavior[rank];
                    var bought = n.Relation == Relation.BoughtTogether;
                    var kind = bought ? ReasonKinds.BoughtTogether : ReasonKinds.ViewedTogether;
                    var candidate = Get(n.ProductId);
                    candidate.Add(options.BehaviorWeight * anchorWeight * strength * n.Score / top, new OfferReason(kind, "", anchor.ProductId));
                    candidate.Evidence.AddBehavior(a, rank, n.Score / top, anchorWeight * n.Score / top, n.Score, bought);
                }

                foreach (var n in lists.Content)
                {
                    var candidate = Get(n.ProductId);
                    candidate.Add(options.ContentWeight * anchorWeight * strength * n.Score, new OfferReason(ReasonKinds.SimilarTo, "", anchor.ProductId));
                    candidate.Evidence.AddContent(a, n.Score);
                }
            }

            anchorWeight *= options.AnchorRecencyFactor;
        }

        var topCategory = plan.Categories.Count > 0 ? plan.Categories[0].Weight : 1;
        foreach (var category in plan.Categories)
        {
            if (!trendingByCategory.TryGetValue(category.Key, out var entries)) continue;
            var share = category.Weight / topCategory;
            AddTrending(entries, options.CategoryTrendWeight * share, new OfferReason(ReasonKinds.TrendingInCategory, category.Key), Get,
                (evidence, _, scaled) => evidence.AddCategoryTrend(share * scaled));
        }

        if (plan.StoreId is { } store)
        {
            AddTrending(trendingInStore, options.StoreWeight, new OfferReason(ReasonKinds.PopularInStore, store), Get,
                (evidence, _, scaled) => evidence.AddStorePopularity(scaled));
        }

        AddTrending(trendingAll, options.TrendingWeight, new OfferReason(ReasonKinds.Trending, ""), Get,
            (evidence, rank, scaled) => evidence.AddTrending(rank, scaled));

        foreach (var excluded in plan.Excluded) candidates.Remove(excluded);
        foreach (var anchor in plan.Anchors.Where(a => a.Kind == Events.EventKind.OrderCompleted)) candidates.Remove(anchor.ProductId);

        return candidates.Values.OrderByDescending(c => c.Score).ThenBy(c => c.ProductId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Drops candidates the catalogue or the request rules out, adds the affinity bonus that needs the
    /// product's category and brand, and writes the reasons people read.
    /// </summary>
    public static ImmutableArray<Offer> Finalize(OfferPlan plan, IEnumerable<Candidate> candidates, IReadOnlyDictionary<string, ProductCard> cards)
    {
        var request = plan.Request;
        var offers = new List<Offer>();
        foreach (var candidate in candidates)
        {
            if (!cards.TryGetValue(candidate.ProductId, out var card) || !Passes(plan, card)) continue;
            AddAffinity(plan, candidate, card);
            offers.Add(ToOffer(candidate, candidate.Score, card, cards));
        }

        return [.. offers.OrderByDescending(o => o.Score).ThenBy(o => o.ProductId, StringComparer.Ordinal).Take(request.Limit)];
    }

    /// <summary>Can this product be offered under the catalogue and the request's filters?</summary>
    public static bool Passes(OfferPlan plan, ProductCard card)
    {
        var request = plan.Request;
        if (!card.Active || !card.InStock) return false;
        if (request.MaxPrice is { } max && (card.Price is not { } price || price > max)) return false;
        return request.Category is not { } category || card.IsInCategory(category);
    }

    /// <summary>The offer as shown, with the reasons of the strongest contributions, whichever ranker set the score.</summary>
    public static Offer ToOffer(Candidate candidate, double score, ProductCard card, IReadOnlyDictionary<string, ProductCard> cards)
    {
        var reasons = candidate.Reasons
            .OrderByDescending(r => r.Contribution)
            .Take(2)
            .Select(r => r.Reason with { Text = Describe(r.Reason, cards) })
            .ToImmutableArray();
        return new Offer(card.Id, Math.Round(score, 6), reasons, card);
    }

    /// <summary>The affinity bonus, which needs the product's category and brand; call once per candidate.</summary>
    public static void AddAffinity(OfferPlan plan, Candidate candidate, ProductCard card)
    {
        if (candidate.AffinityAdded) return;
        candidate.AffinityAdded = true;
        if (plan.Categories.Count > 0 && card.Category is { } category)
        {
            var top = plan.Categories[0].Weight;
            var match = plan.Categories.FirstOrDefault(c => c.Key.Equals(category, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                candidate.Add(0.1 * match.Weight / top, new OfferReason(ReasonKinds.Affinity, "", null));
                candidate.Evidence.CategoryAffinity = match.Weight / top;
            }
        }

        if (plan.Brands.Count > 0 && card.Brand is { } brand)
        {
            var top = plan.Brands[0].Weight;
            var match = plan.Brands.FirstOrDefault(b => b.Key.Equals(brand, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                candidate.Add(0.1 * match.Weight / top, new OfferReason(ReasonKinds.Affinity, "", null));
                candidate.Evidence.BrandAffinity = match.Weight / top;
            }
        }
    }

    private static void AddTrending(
        IReadOnlyList<TrendingEntry> entries, double weight, OfferReason reason, Func<string, Candidate> get, Action<CandidateEvidence, int, double> record)
    {
        if (entries.Count == 0 || entries[0].Score <= 0) return;
        var top = entries[0].Score;
        for (var rank = 0; rank < entries.Count; rank++)
        {
            var candidate = get(entries[rank].ProductId);
            var scaled = entries[rank].Score / top;
            candidate.Add(weight * scaled, reason);
            record(candidate.Evidence, rank, scaled);
        }
    }

    private static string Describe(OfferReason reason, IReadOnlyDictionary<string, ProductCard> cards)
    {
        var related = reason.RelatedProductId is { } id ? (cards.TryGetValue(id, out var card) ? card.Title : null) ?? id : null;
        return reason.Kind switch
        {
            ReasonKinds.BoughtTogether => $"bought together with {related}",
            ReasonKinds.ViewedTogether => $"because you viewed {related}",
            ReasonKinds.SimilarTo => $"similar to {related}",
            ReasonKinds.TrendingInCategory => $"trending in {reason.Text}",
            ReasonKinds.PopularInStore => $"popular near you in store {reason.Text}",
            ReasonKinds.Affinity => "matches what you like",
            _ => "trending now",
        };
    }
}
