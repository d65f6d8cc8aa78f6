using Personalization.Silo.Evaluation;

namespace Personalization.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    private static HashSet<string> Targets(params string[] ids) => new(ids, StringComparer.Ordinal);

    [Fact]
    public void A_target_at_rank_zero_is_a_full_hit()
    {
        var metrics = new RankingMetrics([5, 10]);
        metrics.Add(["t", "x", "y"], Targets("t"));

        Assert.Equal(1.0, metrics.HitRate(5));
        Assert.Equal(1.0, metrics.Ndcg(5));
        Assert.Equal(1.0, metrics.Ndcg(10));
    }

    [Fact]
    public void Rank_counts_from_zero_and_gains_one_over_log2_of_rank_plus_two()
    {
        var metrics = new RankingMetrics([5]);
        metrics.Add(["a", "b", "t"], Targets("t")); // rank 2: 1/log2(4) = 0.5

        Assert.Equal(1.0, metrics.HitRate(5));
        Assert.Equal(0.5, metrics.Ndcg(5), 12);
        Assert.Equal(1 / Math.Log2(3), RankingMetrics.Gain(1), 12);
        Assert.Equal(0.63092975357, RankingMetrics.Gain(1), 10);
    }

    [Fact]
    public void A_target_just_past_the_cutoff_is_a_miss_at_that_cutoff_only()
    {
        var metrics = new RankingMetrics([5, 10]);
        metrics.Add(["a", "b", "c", "d", "e", "t"], Targets("t")); // rank 5

        Assert.Equal(0.0, metrics.HitRate(5));
        Assert.Equal(0.0, metrics.Ndcg(5));
        Assert.Equal(1.0, metrics.HitRate(10));
        Assert.Equal(1 / Math.Log2(7), metrics.Ndcg(10), 12);
    }

    [Fact]
    public void Averages_are_over_all_users_misses_included()
    {
        var metrics = new RankingMetrics([10]);
        metrics.Add(["t"], Targets("t"));       // 1
        metrics.Add(["a", "t"], Targets("t"));  // 1/log2(3)
        metrics.Add(["a", "b"], Targets("t"));  // 0
        metrics.Add([], Targets("t"));          // 0: an empty answer is a miss

        Assert.Equal(4, metrics.Users);
        Assert.Equal(0.5, metrics.HitRate(10));
        Assert.Equal((1 + 1 / Math.Log2(3)) / 4, metrics.Ndcg(10), 12);
    }

    [Fact]
    public void A_basket_is_normalised_by_the_ideal_ranking_of_its_size()
    {
        var metrics = new RankingMetrics([5]);
        metrics.Add(["a", "x", "b"], Targets("a", "b")); // DCG 1 + 0.5, ideal 1 + 1/log2(3)

        Assert.Equal(1.0, metrics.HitRate(5));
        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), metrics.Ndcg(5), 12);
    }

    [Fact]
    public void Coverage_counts_distinct_products_in_the_top_of_any_user()
    {
        var metrics = new RankingMetrics([2]);
        metrics.Add(["a", "b", "c"], Targets("t"));
        metrics.Add(["b", "d"], Targets("t"));

        Assert.Equal(3, metrics.DistinctRecommended); // a, b, d (c is below the cut-off)
        Assert.Equal(0.3, metrics.Coverage(10), 12);
    }

    [Fact]
    public void A_user_without_target_is_refused()
    {
        var metrics = new RankingMetrics([10]);
        var error = Assert.Throws<ArgumentException>(() => metrics.Add(["a"], Targets()));
        Assert.Contains("without a target", error.Message);
    }

    [Fact]
    public void Asking_for_an_unmeasured_cutoff_names_the_measured_ones()
    {
        var metrics = new RankingMetrics([5, 10]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.HitRate(20));
        Assert.Contains("measured: 5, 10", error.Message);
    }
}
