using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Personalization.Silo.Streams.Cache;

namespace Personalization.Tests.Streams;

/// <summary>The queue cache's contract with the pulling agent, without a silo.</summary>
public sealed class StreamIndexedQueueCacheTests
{
    private static readonly StreamId Alice = StreamId.Create("customer", "alice");
    private static readonly StreamId Bob = StreamId.Create("customer", "bob");
    private long _sequence;

    [Fact]
    public void A_cursor_returns_its_own_streams_batches_in_order()
    {
        var cache = new StreamIndexedQueueCache(100);
        var batches = new[] { Batch(Alice), Batch(Bob), Batch(Alice), Batch(Bob), Batch(Alice) };
        cache.AddToCache(batches);

        using var cursor = cache.GetCacheCursor(Alice, batches[0].SequenceToken);

        Assert.Equal([batches[0], batches[2], batches[4]], Drain(cursor));
    }

    [Fact]
    public void A_cursor_from_a_later_token_skips_older_batches_and_one_without_a_token_waits_for_new_ones()
    {
        var cache = new StreamIndexedQueueCache(100);
        var old = new[] { Batch(Alice), Batch(Alice), Batch(Alice) };
        cache.AddToCache(old);

        using var fromSecond = cache.GetCacheCursor(Alice, old[1].SequenceToken);
        using var fromNow = cache.GetCacheCursor(Alice, null);
        Assert.Equal([old[1], old[2]], Drain(fromSecond));
        Assert.Empty(Drain(fromNow));

        var later = Batch(Alice);
        cache.AddToCache([later]);
        fromNow.Refresh(later.SequenceToken);
        Assert.Equal([later], Drain(fromNow));
        Assert.Equal([later], Drain(fromSecond));
    }

    [Fact]
    public void A_batch_leaves_only_after_every_cursor_of_its_stream_moved_past_it_and_a_slow_stream_holds_back_only_itself()
    {
        var cache = new StreamIndexedQueueCache(100);
        var alice = new[] { Batch(Alice), Batch(Alice) };
        var bob = Batch(Bob);
        cache.AddToCache([alice[0], bob, alice[1]]);
        using var fast = cache.GetCacheCursor(Alice, alice[0].SequenceToken);
        using var slow = cache.GetCacheCursor(Alice, alice[0].SequenceToken);
        using var bobs = cache.GetCacheCursor(Bob, bob.SequenceToken);

        Assert.True(Next(bobs));
        Assert.False(cache.TryPurgeFromCache(out _)); // bob's batch is being delivered

        Assert.False(Next(bobs));
        Assert.Equal(2, Drain(fast).Count);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([bob], purged); // alice's batches wait for the slow cursor

        Assert.True(Next(slow));
        Assert.True(Next(slow)); // now delivering the second: the first is done
        cache.TryPurgeFromCache(out purged);
        Assert.Equal([alice[0]], purged);
        Assert.False(Next(slow));
        cache.TryPurgeFromCache(out purged);
        Assert.Equal([alice[1]], purged);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_failed_delivery_leaves_the_cache_unreported()
    {
        var cache = new StreamIndexedQueueCache(100);
        var batches = new[] { Batch(Alice), Batch(Alice) };
        cache.AddToCache(batches);
        using var cursor = cache.GetCacheCursor(Alice, batches[0].SequenceToken);

        Assert.True(Next(cursor));
        cursor.RecordDeliveryFailure();
        Drain(cursor);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([batches[1]], purged);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Batches_of_a_stream_nobody_reads_are_purged_and_a_token_before_them_is_a_cache_miss()
    {
        var cache = new StreamIndexedQueueCache(100);
        var orphan = Batch(Alice);
        cache.AddToCache([orphan]);
        using (cache.GetCacheCursor(Alice, orphan.SequenceToken))
        {
            // a pin, released
        }

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([orphan], purged);
        Assert.Throws<QueueCacheMissException>(() => cache.GetCacheCursor(Alice, orphan.SequenceToken));
    }

    [Fact]
    public void A_full_cache_is_under_pressure_until_deliveries_make_room()
    {
        var cache = new StreamIndexedQueueCache(4);
        Assert.Equal(1, cache.GetMaxAddCount());
        var batches = Enumerable.Range(0, 4).Select(_ => Batch(Alice)).ToArray();
        cache.AddToCache(batches);
        using var cursor = cache.GetCacheCursor(Alice, batches[0].SequenceToken);

        Assert.True(cache.IsUnderPressure());
        Assert.Equal(0, cache.GetMaxAddCount());
        Drain(cursor);
        cache.TryPurgeFromCache(out _);
        Assert.False(cache.IsUnderPressure());
    }

    private IBatchContainer Batch(StreamId stream) => new TestBatch(stream, new EventSequenceTokenV2(++_sequence));

    private static List<IBatchContainer> Drain(IQueueCacheCursor cursor)
    {
        var read = new List<IBatchContainer>();
        while (Next(cursor)) read.Add(cursor.GetCurrent(out _)!);
        return read;
    }

    private static bool Next(IQueueCacheCursor cursor) => cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    private sealed class TestBatch(StreamId streamId, StreamSequenceToken token) : IBatchContainer
    {
        public StreamId StreamId => streamId;

        public StreamSequenceToken SequenceToken => token;

        public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => [];

        public bool ImportRequestContext() => false;
    }
}
