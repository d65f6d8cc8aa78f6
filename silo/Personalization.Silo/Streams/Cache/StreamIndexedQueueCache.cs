using Orleans.Runtime;
using Orleans.Streams;

namespace Personalization.Silo.Streams.Cache;

/// <summary>
/// The queue cache of our stream providers: batches kept per stream, so a stream's cursor steps through
/// its own batches only. Orleans' SimpleQueueCache keeps one list for the whole queue and every cursor
/// walks all of it looking for its stream, which costs streams × batches per read when thousands of
/// grains share a queue (the measured bottleneck of ingestion). A batch leaves the cache once every
/// cursor of its stream has moved past it (a cursor still holds the batch it is delivering), in any
/// order across streams, so one slow grain does not hold back the others. Failed deliveries leave
/// unreported, as with SimpleQueueCache: the receivers account for them through the failure handler.
/// Not thread-safe: the pulling agent calls it from its own turn-based context only.
/// </summary>
public sealed class StreamIndexedQueueCache(int capacity) : IQueueCache
{
    private readonly Dictionary<StreamId, StreamBuffer> _streams = [];
    private readonly HashSet<StreamBuffer> _changed = [];
    private int _count;
    private StreamSequenceToken? _newestPurged;

    /// <summary>Batches held, delivered or not.</summary>
    public int Count => _count;

    public int GetMaxAddCount() => Math.Clamp(capacity - _count, 0, Math.Max(1, capacity / 4));

    /// <summary>Full: the pulling agent stops reading until deliveries make room (the backpressure).</summary>
    public bool IsUnderPressure() => _count >= capacity;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        foreach (var message in messages)
        {
            var buffer = Buffer(message.StreamId);
            buffer.Append(message);
            _changed.Add(buffer);
            _count++;
        }
    }

    public bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        purgedItems = [];
        foreach (var buffer in _changed)
        {
            _count -= buffer.Purge(purgedItems);
            if (buffer.NewestPurged is { } purged && (_newestPurged is null || purged.Newer(_newestPurged))) _newestPurged = purged;
            if (buffer.IsUnused) _streams.Remove(buffer.StreamId);
        }

        _changed.Clear();
        return purgedItems.Count > 0;
    }

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        var buffer = Buffer(streamId);
        _changed.Add(buffer);
        return buffer.OpenCursor(token, this);
    }

    public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow)
    {
        // Progress is tracked per cursor already.
    }

    internal void Changed(StreamBuffer buffer) => _changed.Add(buffer);

    private StreamBuffer Buffer(StreamId streamId)
    {
        if (!_streams.TryGetValue(streamId, out var buffer)) _streams[streamId] = buffer = new StreamBuffer(streamId, _newestPurged);
        return buffer;
    }
}
