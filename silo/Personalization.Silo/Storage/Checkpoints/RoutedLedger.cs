using Orleans.Runtime;
using Personalization.Persistence;

namespace Personalization.Silo.Storage.Checkpoints;

/// <summary>
/// What one partition routed to which grain stream since its committed offset, so the checkpoint gate can
/// ask each of those grains whether its snapshot holds them. One check runs at a time; a check covers the
/// records below the delivered offset it was planned for, and a passed check moves the verified offset.
/// Thread-safe: the receiver routes while a check runs in the background.
/// </summary>
public sealed class RoutedLedger(int partition, long committedNextOffset)
{
    private readonly Lock _lock = new();
    private readonly Queue<(long Offset, IReadOnlyList<StreamId> Streams)> _routed = new();
    private long _verified = committedNextOffset;
    private bool _checking;

    public int Partition => partition;

    /// <summary>Every event before this offset is in the flushed snapshot of every grain it went to.</summary>
    public long VerifiedNextOffset
    {
        get { lock (_lock) return _verified; }
    }

    public void Route(long offset, IReadOnlyList<StreamId> streams)
    {
        lock (_lock) _routed.Enqueue((offset, streams));
    }

    /// <summary>
    /// Plans a check of the records from the verified offset up to <paramref name="delivered"/>: one
    /// <see cref="AppliedCheck"/> per stream. Null when a check is already running or there is nothing to ask
    /// (then the delivered offset is verified at once: no grain holds any of those events).
    /// </summary>
    public CheckPlan? TryPlan(long committed, long delivered)
    {
        lock (_lock)
        {
            if (_checking || delivered <= _verified) return null;
            var from = Math.Max(committed, _verified);
            var perStream = new Dictionary<StreamId, (int Count, long Through, long First)>();
            foreach (var (offset, streams) in _routed)
            {
                if (offset >= delivered) break;
                if (offset < from) continue;
                foreach (var stream in streams)
                {
                    var seen = perStream.GetValueOrDefault(stream, (Count: 0, Through: offset, First: offset));
                    perStream[stream] = (seen.Count + 1, offset, Math.Min(seen.First, offset));
                }
            }

            if (perStream.Count == 0)
            {
                Advance(delivered);
                return null;
            }

            _checking = true;
            return new CheckPlan(delivered, [.. perStream.Select(p => new StreamCheck(p.Key, p.Value.First, new AppliedCheck(partition, committed, from, p.Value.Through, p.Value.Count)))]);
        }
    }

    /// <summary>
    /// Records a check's result: with every stream persisted, its whole range is verified; otherwise up to
    /// the first event of the first stream that is not.
    /// </summary>
    public void Complete(CheckPlan plan, IReadOnlyCollection<StreamId> notPersisted)
    {
        lock (_lock)
        {
            _checking = false;
            var upTo = plan.Checks.Where(c => notPersisted.Contains(c.Stream)).Select(c => c.FirstOffset).DefaultIfEmpty(plan.DeliveredNextOffset).Min();
            Advance(upTo);
        }
    }

    private void Advance(long upTo)
    {
        if (upTo <= _verified) return;
        _verified = upTo;
        while (_routed.TryPeek(out var head) && head.Offset < upTo) _routed.Dequeue();
    }
}

public sealed record StreamCheck(StreamId Stream, long FirstOffset, AppliedCheck Check);

public sealed record CheckPlan(long DeliveredNextOffset, IReadOnlyList<StreamCheck> Checks);
