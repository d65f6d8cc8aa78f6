using Personalization.Domain;
using Personalization.Grains;

namespace Personalization.Tests.Domain;

public sealed class TrendingBoardTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Entries_reported_at_different_times_are_compared_at_the_latest()
    {
        var board = new TrendingBoard();
        board.Report(new TrendingEntry("old-hit", 10, T0), HalfLife, 10);
        board.Report(new TrendingEntry("rising", 4, T0 + 2 * HalfLife), HalfLife, 10);

        var top = board.Top(2, HalfLife);
        Assert.Equal(["rising", "old-hit"], top.Select(e => e.ProductId));
        Assert.Equal(2.5, top[1].Score, 9);
    }

    [Fact]
    public void A_new_report_replaces_the_product_previous_one()
    {
        var board = new TrendingBoard();
        board.Report(new TrendingEntry("a", 1, T0), HalfLife, 10);
        board.Report(new TrendingEntry("a", 5, T0), HalfLife, 10);

        Assert.Equal(5, Assert.Single(board.Top(10, HalfLife)).Score);
    }

    [Fact]
    public void The_board_stays_bounded()
    {
        var board = new TrendingBoard();
        for (var i = 0; i < 50; i++) board.Report(new TrendingEntry($"p{i}", i, T0), HalfLife, capacity: 10);

        Assert.True(board.Count <= 20);
        Assert.Equal("p49", board.Top(1, HalfLife)[0].ProductId);
    }
}
