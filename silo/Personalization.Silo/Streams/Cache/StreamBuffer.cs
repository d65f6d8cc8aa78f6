using Orleans.Runtime;
using Orleans.Streams;

namespace Personalization.Silo.Streams.Cache;

/// <summary>
/// One stream's batches in the cache, in arrival order, addressed by a position that only grows (the
/// first batch ever added is 0), and the cursors reading them. A buffer made after the stream's earlier
/// batches left the cache starts from the newest token the cache purged, so a cursor asking for older
/// data gets a cache miss, as it would from Orleans' own caches.
/// </summary>
internal sealed class StreamBuffer(StreamId streamId, StreamSequenceToken? newestPurgedBefore)
{
    private readonly List<Entry> _entries = [];
    private readonly List<StreamBufferCursor> _cursors = [];
    private int _head;
    private long _headPosition;
    private StreamSequenceToken? _newestPurged = newestPurgedBefore;

    public StreamId StreamId => streamId;

    /// <summary>The position the next added batch gets.</summary>
    public long End => _headPosition + (_entries.Count - _head);

    public bool IsUnused => _cursors.Count == 0 && _entries.Count == _head;

    /// <summary>The newest batch this stream lost from the cache; older positions can no longer be served.</summary>
    public StreamSequenceToken? NewestPurged => _newestPurged;

    public void Append(IBatchContainer batch) => _entries.Add(new Entry(batch));

    public IBatchContainer At(long position) => _entries[_head + (int)(position - _headPosition)].Batch;

    public void MarkFailed(long position) => _entries[_head + (int)(position - _headPosition)].Failed = true;

    /// <summary>
    /// A cursor whose first batch is the oldest one at or after <paramref name="token"/> (null: only batches
    /// added from now on). A token older than batches already purged cannot be served.
    /// </summary>
    public StreamBufferCursor OpenCursor(StreamSequenceToken? token, StreamIndexedQueueCache cache)
    {
        var position = End;
        if (token is not null)
        {
            if (_newestPurged is not null && !_newestPurged.Older(token))
                throw new QueueCacheMissException(token, _newestPurged, _entries.Count > _head ? _entries[_head].Batch.SequenceToken : _newestPurged);
            position = _headPosition;
            while (position < End && At(position).SequenceToken.Older(token)) position++;
        }

        var cursor = new StreamBufferCursor(this, cache, position);
        _cursors.Add(cursor);
        return cursor;
    }

    public void Close(StreamBufferCursor cursor) => _cursors.Remove(cursor);

    /// <summary>Moves the batches every cursor has passed to <paramref name="delivered"/> (failed ones are dropped); returns how many left.</summary>
    public int Purge(IList<IBatchContainer> delivered)
    {
        var keepFrom = End;
        foreach (var cursor in _cursors) keepFrom = Math.Min(keepFrom, cursor.HeldPosition);

        var removed = 0;
        while (_headPosition < keepFrom)
        {
            var entry = _entries[_head];
            if (!entry.Failed) delivered.Add(entry.Batch);
            _newestPurged = entry.Batch.SequenceToken;
            _entries[_head] = null!;
            _head++;
            _headPosition++;
            removed++;
        }

        if (_head > 32 && _head * 2 > _entries.Count)
        {
            _entries.RemoveRange(0, _head);
            _head = 0;
        }

        return removed;
    }

    private sealed class Entry(IBatchContainer batch)
    {
        public IBatchContainer Batch { get; } = batch;

        public bool Failed { get; set; }
    }
}
