namespace Personalization.Silo.Streams.Log;

/// <summary>
/// The commit rule of one partition. A record read from the log becomes one stream batch per grain it
/// concerns; it is resolved when every one of those batches was delivered (the queue cache purged it)
/// or dead-lettered (a delivery failure). The safe next offset is the offset of the oldest record not
/// yet resolved, so a commit never passes an event that some grain has not applied.
/// Thread-safe: the pulling agent, the failure handler and the lag gauge all touch it.
/// </summary>
public sealed class PartitionProgress(long startOffset)
{
    private sealed class Entry(LogRecord record, List<Orleans.Runtime.StreamId> outstanding)
    {
        public LogRecord Record { get; } = record;
        public List<Orleans.Runtime.StreamId> Outstanding { get; } = outstanding;
    }

    private readonly Lock _lock = new();
    private readonly Queue<Entry> _order = new();
    private readonly Dictionary<long, Entry> _byOffset = new();
    private long _nextUnread = startOffset;

    /// <summary>Records read and not yet resolved.</summary>
    public int InFlight
    {
        get { lock (_lock) return _byOffset.Count; }
    }

    /// <summary>Starts tracking a record with the streams it was routed to; with none, it is resolved at once.</summary>
    public void Track(LogRecord record, IEnumerable<Orleans.Runtime.StreamId> streams)
    {
        lock (_lock)
        {
            if (record.Offset < _nextUnread) throw new InvalidOperationException($"Partition {record.Partition} read offset {record.Offset} after {_nextUnread - 1}; offsets must grow.");
            _nextUnread = record.Offset + 1;
            var outstanding = streams.ToList();
            if (outstanding.Count == 0 && _order.Count == 0) return;
            var entry = new Entry(record, outstanding);
            _order.Enqueue(entry);
            if (outstanding.Count > 0) _byOffset[record.Offset] = entry;
        }
    }

    /// <summary>Marks the batch for <paramref name="stream"/> of the record at <paramref name="offset"/> done; false when it was not outstanding.</summary>
    public bool Resolve(long offset, Orleans.Runtime.StreamId stream)
    {
        lock (_lock)
        {
            if (!_byOffset.TryGetValue(offset, out var entry) || !entry.Outstanding.Remove(stream)) return false;
            if (entry.Outstanding.Count == 0) _byOffset.Remove(offset);
            return true;
        }
    }

    /// <summary>The record at an offset that is still in flight (for dead-lettering a failed delivery).</summary>
    public LogRecord? Find(long offset)
    {
        lock (_lock) return _byOffset.TryGetValue(offset, out var entry) ? entry.Record : null;
    }

    /// <summary>The highest offset that may be committed: every record before it is resolved.</summary>
    public long SafeNextOffset
    {
        get
        {
            lock (_lock)
            {
                while (_order.TryPeek(out var head) && head.Outstanding.Count == 0) _order.Dequeue();
                return _order.TryPeek(out var oldest) ? oldest.Record.Offset : _nextUnread;
            }
        }
    }
}
