using Orleans.Runtime;
using Personalization.Silo.Streams.Log;

namespace Personalization.Tests.Streams;

public sealed class PartitionProgressTests
{
    private static readonly StreamId A = StreamId.Create("customer", "a");
    private static readonly StreamId B = StreamId.Create("product", "b");

    private static LogRecord Record(long offset) => new(0, offset, "k", Array.Empty<byte>());

    [Fact]
    public void Safe_offset_stops_at_the_oldest_unresolved_record()
    {
        var progress = new PartitionProgress(10);
        Assert.Equal(10, progress.SafeNextOffset);
        progress.Track(Record(10), [A, B]);
        progress.Track(Record(12), [A]);
        progress.Track(Record(13), []);
        Assert.Equal(10, progress.SafeNextOffset);

        Assert.True(progress.Resolve(12, A));
        Assert.True(progress.Resolve(10, A));
        Assert.Equal(10, progress.SafeNextOffset);
        Assert.Equal(1, progress.InFlight);

        Assert.True(progress.Resolve(10, B));
        Assert.Equal(14, progress.SafeNextOffset);
        Assert.Equal(0, progress.InFlight);
    }

    [Fact]
    public void A_batch_resolves_once()
    {
        var progress = new PartitionProgress(0);
        progress.Track(Record(1), [A]);
        Assert.True(progress.Resolve(1, A));
        Assert.False(progress.Resolve(1, A));
        Assert.False(progress.Resolve(7, A));
    }

    [Fact]
    public void Offsets_must_grow() =>
        Assert.Throws<InvalidOperationException>(() =>
        {
            var progress = new PartitionProgress(5);
            progress.Track(Record(4), [A]);
        });
}
