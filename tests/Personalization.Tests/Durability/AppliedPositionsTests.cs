using Personalization.Persistence;

namespace Personalization.Tests.Durability;

public sealed class AppliedPositionsTests
{
    [Fact]
    public void A_replayed_position_is_refused_and_a_gap_filled_later_is_accepted()
    {
        var positions = new AppliedPositions();
        Assert.True(positions.TryRecord(new LogPositionToken(partition: 2, offset: 10, eventIndex: 0)));
        Assert.True(positions.TryRecord(2, 14));
        Assert.False(positions.TryRecord(2, 10));

        // After a crash the log replays from the committed offset; the event at 12 was never applied here.
        Assert.True(positions.TryRecord(2, 12));
        Assert.False(positions.TryRecord(2, 14));

        // Offsets are per partition.
        Assert.True(positions.TryRecord(3, 10));
        Assert.Equal(2, positions.CountApplied(2, 11, 14));
    }

    [Fact]
    public void Events_without_a_log_position_are_never_refused()
    {
        var positions = new AppliedPositions();
        Assert.True(positions.TryRecord(null));
        Assert.True(positions.TryRecord(null));
        Assert.Equal(0, positions.Count);
    }

    [Fact]
    public void Pruning_at_the_committed_offset_bounds_the_set_and_refuses_older_offsets()
    {
        var positions = new AppliedPositions();
        for (var offset = 0; offset < 100; offset++) positions.TryRecord(0, offset);

        positions.Prune(0, 90);
        Assert.Equal(10, positions.Count);
        Assert.False(positions.TryRecord(0, 50));
        Assert.Equal(10, positions.CountApplied(0, 0, 99));

        // A floor never moves back.
        positions.Prune(0, 40);
        Assert.False(positions.TryRecord(0, 50));
    }
}
