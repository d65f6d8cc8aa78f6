using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Tests.Domain;

public sealed class OfferFeaturesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ProductCard Card(string id, decimal price, string category, string? brand = null) =>
        new() { Id = id, Title = id, CategoryPath = [category], Brand = brand, Price = price, InCatalog = true };

    /// <summary>Anchors a (latest) and z (an hour earlier); a links b strongly and c weakly, z links b and, by content, c and d.</summary>
    private static (OfferPlan Plan, Dictionary<string, OfferComposer.Candidate> Candidates, Dictionary<string, ProductCard> Cards) Scenario()
    {
        var shopper = new ShopperSnapshot
        {
            CustomerId = "u",
            RecentItems = [new RecentItem("a", EventKind.ProductViewed, T0.AddHours(1)), new RecentItem("z", EventKind.ProductViewed, T0)],
            TopCategories = [new WeightedKey("Shoes", 4), new WeightedKey("Bags", 1)],
        };
        var plan = OfferPlan.For(new OfferRequest { CustomerId = "u" }, shopper, null, new RankingOptions());
        var neighbours = new Dictionary<string, ProductNeighbours>
        {
            ["a"] = new("a", [new Neighbour("b", 4, Relation.ViewedTogether), new Neighbour("c", 2, Relation.BoughtTogether)], []),
            ["z"] = new("z", [new Neighbour("b", 1, Relation.ViewedTogether)], [new Neighbour("c", 0.6, Relation.SimilarContent), new Neighbour("d", 0.3, Relation.SimilarContent)]),
        };
        var trending = new List<TrendingEntry> { new("c", 10, T0), new("b", 5, T0) };
        var candidates = OfferComposer.Score(plan, neighbours, new Dictionary<string, IReadOnlyList<TrendingEntry>>(), [], trending)
            .ToDictionary(c => c.ProductId);
        var cards = new Dictionary<string, ProductCard>
        {
            ["a"] = Card("a", 10, "Shoes", "Stride"),
            ["z"] = Card("z", 40, "Bags"),
            ["b"] = Card("b", 20, "Shoes", "Stride"),
            ["c"] = Card("c", 10, "Bags"),
            ["d"] = new() { Id = "d" },
        };
        foreach (var (id, candidate) in candidates) OfferComposer.AddAffinity(plan, candidate, cards[id]);
        return (plan, candidates, cards);
    }

    private static Dictionary<string, float> Features(string id)
    {
        var (plan, candidates, cards) = Scenario();
        var vector = new float[OfferFeatures.Count];
        OfferFeatures.Extract(plan, AnchorProfile.From(plan, cards), candidates[id], cards[id], vector);
        return OfferFeatures.Names.Zip(vector).ToDictionary(p => p.First, p => p.Second);
    }

    [Fact]
    public void Behaviour_links_are_kept_per_anchor_scaled_to_each_anchors_strongest()
    {
        var b = Features("b");

        Assert.Equal(1, b["behavior_best"]);              // 4/4 from a, 1/1 from z
        Assert.Equal(1, b["behavior_recent"]);            // a is the latest anchor
        Assert.Equal(1 + 0.85, b["behavior_sum"], 5);     // z counts 0.85 of a
        Assert.Equal(Math.Log(5), b["behavior_evidence"], 5);
        Assert.Equal(0, b["behavior_rank"]);
        Assert.Equal(0, b["behavior_anchor"]);
        Assert.Equal(2, b["behavior_anchors"]);
        Assert.Equal(0, b["bought_together"]);
        Assert.Equal(OfferFeatures.AbsentAnchor, b["content_anchor"]);
    }

    [Fact]
    public void Content_trending_and_affinity_are_separate_features()
    {
        var c = Features("c");

        Assert.Equal(0.5, c["behavior_best"]);
        Assert.Equal(1, c["behavior_rank"]);
        Assert.Equal(1, c["bought_together"]);
        Assert.Equal(0.6, c["content_best"], 5);
        Assert.Equal(0, c["content_recent"]);             // the content link came from the older anchor
        Assert.Equal(1, c["content_anchor"]);
        Assert.Equal(1, c["trending"]);
        Assert.Equal(0, c["trending_rank"]);
        Assert.Equal(0.25, c["category_affinity"], 5);    // Bags: 1 of the top category's 4
        Assert.Equal(-1, c["same_category_as_recent"]);   // a is in Shoes
    }

    [Fact]
    public void Price_is_compared_with_the_shoppers_band_and_links_carry_their_age()
    {
        var b = Features("b");
        var c = Features("c");
        var d = Features("d");

        Assert.Equal(0, b["log_price_vs_shopper"], 5);           // 20 against the anchors' geometric mean √(10·40)
        Assert.Equal(Math.Log(0.5), c["log_price_vs_shopper"], 5);
        Assert.Equal(1, b["price_known"]);
        Assert.Equal(0, d["price_known"]);
        Assert.Equal(1, b["same_category_as_recent"]);
        Assert.Equal(1, b["same_brand_as_recent"]);
        Assert.Equal(0, d["same_brand_as_recent"]);              // unknown brand: neither match nor mismatch
        Assert.Equal(1, d["link_age_hours"]);                    // linked only through z, an hour before a
        Assert.Equal(0, b["link_age_hours"]);
        Assert.Equal(2, b["anchor_count"]);
        Assert.Equal(2, b["session_anchor"]);                    // no session: the anchor is long-term history
        Assert.Equal(OfferFeatures.AbsentRank, d["trending_rank"]);
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_refused()
    {
        var (plan, candidates, cards) = Scenario();

        Assert.Throws<ArgumentException>(() =>
            OfferFeatures.Extract(plan, AnchorProfile.From(plan, cards), candidates["b"], cards["b"], new float[OfferFeatures.Count - 1]));
        Assert.Equal(OfferFeatures.Names.Count, OfferFeatures.Names.Distinct().Count());
    }
}
