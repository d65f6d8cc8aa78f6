using System.Diagnostics;
using Personalization.Bench.Measure;
using Personalization.Bench.Workload;

namespace Personalization.Tests.Bench;

/// <summary>The pure helpers of the benchmark: the Zipf sampler and the open-loop schedule. No timings are asserted.</summary>
public sealed class BenchHelpersTests
{
    [Fact]
    public void Zipf_probabilities_follow_the_inverse_power_of_the_rank_and_sum_to_one()
    {
        var zipf = new Zipf(4, 1.0);
        var harmonic = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;

        Assert.Equal(1 / harmonic, zipf.Probability(0), 12);
        Assert.Equal(1 / 3.0 / harmonic, zipf.Probability(2), 12);
        Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(zipf.Probability), 12);
    }

    [Fact]
    public void Zipf_draws_are_in_range_and_the_head_is_drawn_in_proportion()
    {
        var zipf = new Zipf(1000, 1.0);
        var random = new Random(7);
        var draws = Enumerable.Range(0, 200_000).Select(_ => zipf.Next(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0, 999));
        var headShare = draws.Count(d => d == 0) / (double)draws.Count;
        // p(0) = 1/H(1000) = 0.1336; 200k draws put the share within ±0.005 with overwhelming probability.
        Assert.InRange(headShare, 0.1286, 0.1386);
    }

    [Fact]
    public void Zipf_with_exponent_zero_is_uniform()
    {
        var zipf = new Zipf(5, 0);

        Assert.All(Enumerable.Range(0, 5), rank => Assert.Equal(0.2, zipf.Probability(rank), 12));
    }

    [Fact]
    public void Open_loop_schedule_spaces_requests_by_the_rate_whatever_their_latency()
    {
        Assert.Equal(0, OpenLoop.IntendedOffset(0, 2000));
        Assert.Equal(Stopwatch.Frequency / 2000, OpenLoop.IntendedOffset(1, 2000));
        Assert.Equal(Stopwatch.Frequency, OpenLoop.IntendedOffset(2000, 2000));
        Assert.Equal(6000, OpenLoop.RequestCount(2000, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Workload_is_the_same_for_the_same_seed_and_every_customer_is_active()
    {
        var shape = new WorkloadShape(500, 200, 5_000, 3);
        var a = WorkloadGenerator.Generate(shape);
        var b = WorkloadGenerator.Generate(shape);

        Assert.Equal(a.Events.Select(e => e.MessageId + e.Kind + e.ProductId + e.UserId), b.Events.Select(e => e.MessageId + e.Kind + e.ProductId + e.UserId));
        Assert.Equal(200, a.Customers.Length);
        Assert.Contains(a.Events, e => e.Kind == Personalization.Events.EventKind.OrderCompleted);
        Assert.Contains(a.Events, e => e.Kind == Personalization.Events.EventKind.BeaconZoneEntered);
    }
}
