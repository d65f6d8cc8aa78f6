using Orleans.Streams;

namespace Personalization.Silo.Streams.Cache;

/// <summary>
/// Reads one stream's batches from a position. The batch it returned last stays in the cache until the
/// cursor moves on, because the pulling agent is still delivering it.
/// </summary>
internal sealed class StreamBufferCursor(StreamBuffer buffer, StreamIndexedQueueCache cache, long position) : IQueueCacheCursor
{
    private long _next = position;
    private long? _current;

    /// <summary>The oldest position this cursor still needs.</summary>
    public long HeldPosition => _current ?? _next;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current is { } current ? buffer.At(current) : null;
    }

    /// <summary>What Orleans 10.4's pulling agent calls; a per-stream buffer never misses what a cursor has not read.</summary>
    public QueueCacheCursorMoveResult MoveNextWithResult() => Advance() ? QueueCacheCursorMoveResult.Success : QueueCacheCursorMoveResult.NoData;

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => Advance();

    private bool Advance()
    {
        var moved = _current is not null;
        if (_next < buffer.End)
        {
            _current = _next++;
            cache.Changed(buffer);
            return true;
        }

        _current = null;
        if (moved) cache.Changed(buffer);
        return false;
    }

    /// <summary>New batches are appended after the cursor's position, so there is nothing to look up again.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure()
    {
        if (_current is { } current) buffer.MarkFailed(current);
    }

    public void Dispose()
    {
        buffer.Close(this);
        cache.Changed(buffer);
    }
}
