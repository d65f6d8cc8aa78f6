using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// The learned ranker's input: one fixed-order vector per candidate, built from the candidate's
/// <see cref="CandidateEvidence"/>, its product card and the query's <see cref="AnchorProfile"/>.
/// The names travel with every trained model, and a model whose names differ from <see cref="Names"/>
/// is refused at load: adding a feature is a new model, never a silent shift of columns.
/// Absent ranks and anchors get values past any real one, so trees can split them off.
/// </summary>
public static class OfferFeatures
{
    public const float AbsentRank = 1000;
    public const float AbsentAnchor = 100;

    public static readonly IReadOnlyList<string> Names =
    [
        "heuristic_score",
        "behavior_best",
        "behavior_recent",
        "behavior_sum",
        "behavior_evidence",
        "behavior_rank",
        "behavior_anchor",
        "behavior_anchors",
        "bought_together",
        "content_best",
        "content_recent",
        "content_anchor",
        "content_anchors",
        "trending",
        "trending_rank",
        "category_trend",
        "store_popularity",
        "category_affinity",
        "brand_affinity",
        "same_category_as_recent",
        "same_brand_as_recent",
        "log_price_vs_shopper",
        "price_known",
        "anchor_count",
        "session_anchor",
        "link_age_hours",
    ];

    public static int Count => Names.Count;

    /// <summary>Writes the candidate's features into <paramref name="into"/> (length <see cref="Count"/>).</summary>
    public static void Extract(OfferPlan plan, AnchorProfile anchors, OfferComposer.Candidate candidate, ProductCard card, Span<float> into)
    {
        if (into.Length != Count) throw new ArgumentException($"A feature vector has {Count} values, not {into.Length}.", nameof(into));
        var e = candidate.Evidence;
        var linking = e.BehaviorAnchor != CandidateEvidence.Absent ? e.BehaviorAnchor : e.ContentAnchor;
        var i = 0;
        into[i++] = (float)candidate.Score;
        into[i++] = (float)e.BehaviorBest;
        into[i++] = (float)e.BehaviorRecent;
        into[i++] = (float)e.BehaviorSum;
        into[i++] = (float)Math.Log(1 + e.BehaviorEvidence);
        into[i++] = Rank(e.BehaviorRank);
        into[i++] = Anchor(e.BehaviorAnchor);
        into[i++] = e.BehaviorAnchors;
        into[i++] = e.BoughtTogether ? 1 : 0;
        into[i++] = (float)e.ContentBest;
        into[i++] = (float)e.ContentRecent;
        into[i++] = Anchor(e.ContentAnchor);
        into[i++] = e.ContentAnchors;
        into[i++] = (float)e.Trending;
        into[i++] = Rank(e.TrendingRank);
        into[i++] = (float)e.CategoryTrend;
        into[i++] = (float)e.StorePopularity;
        into[i++] = (float)e.CategoryAffinity;
        into[i++] = (float)e.BrandAffinity;
        into[i++] = Same(card.Category, anchors.RecentCategory);
        into[i++] = Same(card.Brand, anchors.RecentBrand);
        var priced = card.Price is > 0 && anchors.LogPrice is not null;
        into[i++] = priced ? (float)(Math.Log((double)card.Price!.Value) - anchors.LogPrice!.Value) : 0;
        into[i++] = priced ? 1 : 0;
        into[i++] = plan.Anchors.Count;
        into[i++] = linking == CandidateEvidence.Absent ? 0 : linking < plan.SessionAnchors ? 1 : 2;
        into[i++] = linking == CandidateEvidence.Absent || anchors.Times.Count == 0
            ? -1
            : (float)Math.Max(0, (anchors.Times[0] - anchors.Times[linking]).TotalHours);
    }

    private static float Rank(int rank) => rank == CandidateEvidence.Absent ? AbsentRank : rank;

    private static float Anchor(int anchor) => anchor == CandidateEvidence.Absent ? AbsentAnchor : anchor;

    private static float Same(string? a, string? b) =>
        a is null || b is null ? 0 : string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ? 1 : -1;
}
