using Personalization.Silo.Lake.Features;

namespace Personalization.Tests.Durability;

public sealed class PendingFeatureRowsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly PendingFeatureRows<(string Id, int Version)> _rows = new(capacity: 3, row => row.Id);

    [Fact]
    public void A_newer_row_replaces_the_pending_row_of_the_same_id()
    {
        _rows.Add(("a", 1), T0);
        _rows.Add(("a", 2), T0.AddSeconds(1));

        Assert.Equal([("a", 2)], _rows.Take(10));
        Assert.Null(_rows.Oldest);
    }

    [Fact]
    public void Past_the_capacity_new_ids_are_dropped_and_counted_but_known_ids_still_update()
    {
        Assert.True(_rows.Add(("a", 1), T0));
        Assert.True(_rows.Add(("b", 1), T0));
        Assert.True(_rows.Add(("c", 1), T0));

        Assert.False(_rows.Add(("d", 1), T0));
        Assert.True(_rows.Add(("a", 2), T0));

        Assert.Equal(1, _rows.Dropped);
        Assert.Equal([("a", 2), ("b", 1), ("c", 1)], _rows.Take(10).OrderBy(r => r.Id));
    }

    [Fact]
    public void Restored_rows_keep_their_age_and_lose_to_rows_that_arrived_meanwhile()
    {
        _rows.Add(("a", 1), T0);
        _rows.Add(("b", 1), T0);
        var failed = _rows.Take(10);
        _rows.Add(("a", 2), T0.AddMinutes(5));

        _rows.Restore(failed, T0);

        Assert.Equal(T0, _rows.Oldest);
        Assert.Equal([("a", 2), ("b", 1)], _rows.Take(10).OrderBy(r => r.Id));
    }

    [Fact]
    public void Take_returns_at_most_the_batch_size_and_leaves_the_rest_pending()
    {
        _rows.Add(("a", 1), T0);
        _rows.Add(("b", 1), T0);
        _rows.Add(("c", 1), T0);

        Assert.Equal(2, _rows.Take(2).Count);
        Assert.Equal(1, _rows.Count);
        Assert.Equal(T0, _rows.Oldest);
    }
}
