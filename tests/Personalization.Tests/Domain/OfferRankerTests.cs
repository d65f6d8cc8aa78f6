using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Tests.Domain;

public sealed class OfferRankerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Scores each candidate by one feature: a stand-in for a trained model whose preference is known.</summary>
    private sealed class FeatureScorer(string feature, float sign = 1) : IOfferScorer
    {
        private readonly int _index = OfferFeatures.Names.ToList().IndexOf(feature);

        public string Version => "v-test";

        public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores)
        {
            for (var i = 0; i < rows; i++) scores[i] = sign * features[i * OfferFeatures.Count + _index];
        }
    }

    private sealed class FailingScorer : IOfferScorer
    {
        public string Version => "v-broken";

        public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores) => throw new InvalidOperationException("broken model");
    }

    /// <summary>u viewed a; a's behaviour neighbours are b (strong) then c; c is also the top trending product.</summary>
    private static OfferSourcesFake Sources()
    {
        var sources = new OfferSourcesFake();
        sources.Customers["u"] = new ShopperSnapshot { CustomerId = "u", RecentItems = [new RecentItem("a", EventKind.ProductViewed, T0)] };
        sources.Neighbours["a"] = new ProductNeighbours("a", [new Neighbour("b", 4, Relation.ViewedTogether), new Neighbour("c", 1, Relation.ViewedTogether)], []);
        sources.TrendingAll.AddRange([new TrendingEntry("c", 10, T0), new TrendingEntry("t", 5, T0)]);
        foreach (var (id, price) in new[] { ("a", 5m), ("b", 50m), ("c", 8m), ("t", 9m) })
            sources.Cards[id] = new ProductCard { Id = id, Title = "Title " + id, Price = price, InCatalog = true };
        return sources;
    }

    private static readonly OfferRequest ForU = new() { CustomerId = "u", Limit = 3, ExcludeSeen = true };

    [Fact]
    public async Task Without_a_model_the_heuristic_ranks_and_says_so()
    {
        var offers = await OfferRanker.GetOffers(ForU, Sources(), new RankingOptions());

        Assert.Equal(OfferRanker.Heuristic, offers.Ranker);
        Assert.Equal(["b", "c", "t"], offers.Offers.Select(o => o.ProductId));
    }

    [Fact]
    public async Task A_loaded_model_reorders_the_shortlist_and_reasons_still_come_from_the_sources()
    {
        var offers = await OfferRanker.GetOffers(ForU, Sources(), new RankingOptions(), new FeatureScorer("trending"));

        Assert.Equal("model:v-test", offers.Ranker);
        Assert.Equal(["c", "t", "b"], offers.Offers.Select(o => o.ProductId));
        Assert.Equal(ReasonKinds.ViewedTogether, offers.Offers[0].Reasons[0].Kind); // c: a's neighbour (0.25) outweighs trending (0.15)
        Assert.Equal(ReasonKinds.Trending, offers.Offers[0].Reasons[1].Kind);
        Assert.Equal(ReasonKinds.Trending, offers.Offers[1].Reasons[0].Kind);       // t is only trending
        Assert.Equal(ReasonKinds.ViewedTogether, offers.Offers[2].Reasons[0].Kind); // b is there because of a
        Assert.Equal("because you viewed Title a", offers.Offers[2].Reasons[0].Text);
    }

    [Fact]
    public async Task The_model_only_sees_candidates_that_pass_the_filters()
    {
        var offers = await OfferRanker.GetOffers(ForU with { MaxPrice = 10 }, Sources(), new RankingOptions(), new FeatureScorer("behavior_best"));

        Assert.Equal("model:v-test", offers.Ranker);
        Assert.Equal(["c", "t"], offers.Offers.Select(o => o.ProductId)); // b costs 50
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_heuristic_and_reports_the_failure()
    {
        var failures = new List<Exception>();

        var offers = await OfferRanker.GetOffers(ForU, Sources(), new RankingOptions(), new FailingScorer(), failures.Add);

        Assert.Equal(OfferRanker.Heuristic, offers.Ranker);
        Assert.Equal(["b", "c", "t"], offers.Offers.Select(o => o.ProductId));
        Assert.Equal("broken model", Assert.Single(failures).Message);
    }

    [Fact]
    public async Task A_shopper_without_history_gets_the_heuristic_even_with_a_model()
    {
        var offers = await OfferRanker.GetOffers(new OfferRequest { CustomerId = "newcomer", Limit = 2 }, Sources(), new RankingOptions(), new FeatureScorer("trending", -1));

        Assert.Equal(OfferRanker.Heuristic, offers.Ranker);
        Assert.Equal(["c", "t"], offers.Offers.Select(o => o.ProductId));
    }
}
