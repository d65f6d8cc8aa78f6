using Personalization.Domain;

namespace Personalization.Tests.Domain;

public sealed class DecayedScoreTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_weight_halves_after_one_half_life()
    {
        var score = new DecayedScore();
        score.Add(8, T0, Day);

        Assert.Equal(4, score.ValueAt(T0 + Day, Day), 9);
        Assert.Equal(1, score.ValueAt(T0 + 3 * Day, Day), 9);
    }

    [Fact]
    public void The_order_of_events_does_not_change_the_score()
    {
        var inOrder = new DecayedScore();
        inOrder.Add(1, T0, Day);
        inOrder.Add(2, T0 + Day, Day);
        inOrder.Add(4, T0 + 2 * Day, Day);

        var shuffled = new DecayedScore();
        shuffled.Add(4, T0 + 2 * Day, Day);
        shuffled.Add(1, T0, Day);
        shuffled.Add(2, T0 + Day, Day);

        // 1/4 + 2/2 + 4 at the last event.
        Assert.Equal(5.25, inOrder.ValueAt(T0 + 2 * Day, Day), 9);
        Assert.Equal(inOrder.ValueAt(T0 + 2 * Day, Day), shuffled.ValueAt(T0 + 2 * Day, Day), 9);
        Assert.Equal(inOrder.Reference, shuffled.Reference);
    }

    [Fact]
    public void An_empty_score_is_zero_at_any_time()
    {
        Assert.Equal(0, new DecayedScore().ValueAt(T0, Day));
    }
}
