using Personalization.Domain;

namespace Personalization.Tests.Domain;

public sealed class DecayingWeightsTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Top_orders_by_decayed_weight_at_the_latest_event()
    {
        var weights = new DecayingWeights();
        weights.Add("old-favourite", 10, T0, HalfLife, 10);
        weights.Add("new-interest", 3, T0 + TimeSpan.FromDays(90), HalfLife, 10);

        // 10 decayed over three half-lives is 1.25, less than 3.
        Assert.Equal(["new-interest", "old-favourite"], weights.Top(5, HalfLife).Select(t => t.Key));
        Assert.Equal(1.25, weights.Top(5, HalfLife).Last().Weight, 9);
    }

    [Fact]
    public void Past_the_capacity_the_weakest_keys_are_forgotten()
    {
        var weights = new DecayingWeights();
        for (var i = 1; i <= 9; i++) weights.Add($"k{i}", i, T0, HalfLife, capacity: 8);

        Assert.Equal(6, weights.Count);
        Assert.DoesNotContain("k1", weights.Top(10, HalfLife).Select(t => t.Key));
        Assert.Contains("k9", weights.Top(10, HalfLife).Select(t => t.Key));
    }
}
