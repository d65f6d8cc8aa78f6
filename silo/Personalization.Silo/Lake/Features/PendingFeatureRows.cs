namespace Personalization.Silo.Lake.Features;

/// <summary>
/// The rows of one feature table waiting to be written: at most one per id (a newer row replaces the
/// pending one, since analysts read the latest per id anyway) and at most <c>capacity</c> ids, so an
/// unreachable store costs bounded memory. Adding never waits: past the bound a new id's row is dropped.
/// Thread-safe; called from grain turns and the writer loop.
/// </summary>
public sealed class PendingFeatureRows<TRow>(int capacity, Func<TRow, string> idOf)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TRow> _rows = new(StringComparer.Ordinal);
    private DateTimeOffset? _oldest;
    private long _dropped;

    public int Count
    {
        get
        {
            lock (_gate) return _rows.Count;
        }
    }

    /// <summary>When the oldest pending row arrived; null when none is pending.</summary>
    public DateTimeOffset? Oldest
    {
        get
        {
            lock (_gate) return _oldest;
        }
    }

    /// <summary>Rows dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds or replaces the id's row; false when it was dropped because the buffer is full.</summary>
    public bool Add(TRow row, DateTimeOffset now)
    {
        var id = idOf(row);
        lock (_gate)
        {
            if (_rows.Count >= capacity && !_rows.ContainsKey(id))
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            _rows[id] = row;
            _oldest ??= now;
            return true;
        }
    }

    /// <summary>Removes and returns up to <paramref name="max"/> rows.</summary>
    public List<TRow> Take(int max)
    {
        lock (_gate)
        {
            var taken = new List<TRow>(Math.Min(max, _rows.Count));
            foreach (var (id, row) in _rows)
            {
                if (taken.Count == max) break;
                taken.Add(row);
            }

            foreach (var row in taken) _rows.Remove(idOf(row));
            if (_rows.Count == 0) _oldest = null;
            return taken;
        }
    }

    /// <summary>
    /// Puts back rows whose write failed, so they are retried; a row that arrived for the same id since is
    /// newer and wins. <paramref name="pendingSince"/> is when the failed rows first arrived: it stays
    /// their age, so the retry is not held back by the batch age again.
    /// </summary>
    public void Restore(IReadOnlyList<TRow> failed, DateTimeOffset pendingSince)
    {
        if (failed.Count == 0) return;
        lock (_gate)
        {
            foreach (var row in failed)
            {
                var id = idOf(row);
                if (_rows.ContainsKey(id)) continue;
                if (_rows.Count >= capacity)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }

                _rows[id] = row;
            }

            if (_rows.Count > 0 && (_oldest is null || _oldest > pendingSince)) _oldest = pendingSince;
        }
    }
}
