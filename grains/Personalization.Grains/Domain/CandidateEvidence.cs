namespace Personalization.Domain;

/// <summary>
/// What each source said of one offer candidate, kept apart per source (the heuristic only keeps the
/// weighted sum), so the learned ranker can weigh them itself: how strongly and from which anchor the
/// behaviour and content neighbour lists name it, where it stands on the trending boards, and how it
/// matches the shopper's affinities. Ranks and anchor positions are 0-based, <see cref="Absent"/> when
/// the source did not name the candidate.
/// </summary>
public sealed class CandidateEvidence
{
    public const int Absent = -1;

    /// <summary>Strongest behaviour link, scaled to the linking anchor's strongest neighbour (0..1).</summary>
    public double BehaviorBest { get; private set; }

    /// <summary>Behaviour link from the most recent anchor (0..1).</summary>
    public double BehaviorRecent { get; private set; }

    /// <summary>Behaviour links summed over anchors, older anchors discounted as in the heuristic.</summary>
    public double BehaviorSum { get; private set; }

    /// <summary>The strongest raw co-occurrence weight (decayed evidence, not scaled): how much evidence there is.</summary>
    public double BehaviorEvidence { get; private set; }

    public int BehaviorRank { get; private set; } = Absent;
    public int BehaviorAnchor { get; private set; } = Absent;
    public int BehaviorAnchors { get; private set; }
    public bool BoughtTogether { get; private set; }

    public double ContentBest { get; private set; }
    public double ContentRecent { get; private set; }
    public int ContentAnchor { get; private set; } = Absent;
    public int ContentAnchors { get; private set; }

    /// <summary>Overall trending score scaled to the board's top (0..1), and the rank on the board.</summary>
    public double Trending { get; private set; }
    public int TrendingRank { get; private set; } = Absent;

    public double CategoryTrend { get; private set; }
    public double StorePopularity { get; private set; }
    public double CategoryAffinity { get; set; }
    public double BrandAffinity { get; set; }

    public void AddBehavior(int anchor, int rank, double scaled, double discounted, double evidence, bool bought)
    {
        BehaviorBest = Math.Max(BehaviorBest, scaled);
        if (anchor == 0) BehaviorRecent = Math.Max(BehaviorRecent, scaled);
        BehaviorSum += discounted;
        BehaviorEvidence = Math.Max(BehaviorEvidence, evidence);
        if (BehaviorRank == Absent || rank < BehaviorRank) BehaviorRank = rank;
        if (BehaviorAnchor == Absent) BehaviorAnchor = anchor;
        BehaviorAnchors++;
        BoughtTogether |= bought;
    }

    public void AddContent(int anchor, double similarity)
    {
        ContentBest = Math.Max(ContentBest, similarity);
        if (anchor == 0) ContentRecent = Math.Max(ContentRecent, similarity);
        if (ContentAnchor == Absent) ContentAnchor = anchor;
        ContentAnchors++;
    }

    public void AddTrending(int rank, double scaled)
    {
        Trending = Math.Max(Trending, scaled);
        if (TrendingRank == Absent || rank < TrendingRank) TrendingRank = rank;
    }

    public void AddCategoryTrend(double weighted) => CategoryTrend = Math.Max(CategoryTrend, weighted);

    public void AddStorePopularity(double scaled) => StorePopularity = Math.Max(StorePopularity, scaled);
}
