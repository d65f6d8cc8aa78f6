namespace Personalization.Domain;

/// <summary>Tuning of state and ranking; configuration section <c>Ranking</c>. Times are event time.</summary>
public sealed class RankingOptions
{
    public const string SectionName = "Ranking";

    /// <summary>How fast a customer's category and brand affinities fade.</summary>
    public TimeSpan AffinityHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How fast popularity fades: the "trending" window.</summary>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How fast co-occurrence evidence fades.</summary>
    public TimeSpan CoOccurrenceHalfLife { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A session with no event for this long starts afresh.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Purchases this recent are not offered again.</summary>
    public TimeSpan RecentPurchaseWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many previous session items a new interaction is paired with.</summary>
    public int CoOccurrenceWindow { get; set; } = 10;

    /// <summary>Weight of an anchor's behaviour (co-occurrence) neighbours, scaled to the anchor's strongest.</summary>
    public double BehaviorWeight { get; set; } = 1.0;

    /// <summary>Weight of an anchor's content (catalogue text and attributes) neighbours.</summary>
    public double ContentWeight { get; set; } = 0.5;

    /// <summary>Weight of trending in the shopper's favourite categories.</summary>
    public double CategoryTrendWeight { get; set; } = 0.35;

    /// <summary>Weight of popularity in the shopper's store.</summary>
    public double StoreWeight { get; set; } = 0.4;

    /// <summary>Weight of overall trending: the weak prior that gives everyone offers.</summary>
    public double TrendingWeight { get; set; } = 0.15;

    /// <summary>Each older anchor counts this much of the next more recent one, so the latest item dominates.</summary>
    public double AnchorRecencyFactor { get; set; } = 0.85;

    /// <summary>How many of the heuristic's best candidates a learned model re-orders (its shortlist).</summary>
    public int ModelCandidates { get; set; } = 100;

    public int NeighbourCapacity { get; set; } = 200;
    public int RecentItemsCapacity { get; set; } = 50;
    public int PurchaseHistoryCapacity { get; set; } = 200;
    public int AffinityCapacity { get; set; } = 64;
    public int DuplicateWindow { get; set; } = 512;
    public int TrendingCapacity { get; set; } = 200;
}
