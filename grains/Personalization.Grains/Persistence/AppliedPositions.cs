namespace Personalization.Persistence;

/// <summary>
/// The log positions (partition, offset) whose events a grain has applied, kept in its snapshot so that a
/// replay after a crash applies each event exactly once. Bounded: per partition only offsets at or
/// above the partition's committed offset are kept (the floor); every event below it is already in the
/// flushed state of every grain it concerns, and the log never replays below it.
/// </summary>
[GenerateSerializer]
public sealed class AppliedPositions
{
    [Id(0)] private readonly Dictionary<int, long> _floors = [];
    [Id(1)] private readonly Dictionary<int, HashSet<long>> _offsets = [];

    /// <summary>Offsets held above the floors, all partitions together.</summary>
    public int Count => _offsets.Values.Sum(set => set.Count);

    /// <summary>
    /// Records the position of an event about to be applied; false when it was applied before (a replay).
    /// Events that did not come from the log (no position) are always new to this check.
    /// </summary>
    public bool TryRecord(object? token) =>
        token is not LogPositionToken position || TryRecord(position.Partition, position.SequenceNumber);

    public bool TryRecord(int partition, long offset)
    {
        if (offset < _floors.GetValueOrDefault(partition)) return false;
        if (!_offsets.TryGetValue(partition, out var set)) _offsets[partition] = set = [];
        return set.Add(offset);
    }

    /// <summary>How many of the offsets in [<paramref name="from"/>, <paramref name="through"/>] were applied.</summary>
    public int CountApplied(int partition, long from, long through) =>
        _offsets.TryGetValue(partition, out var set) ? set.Count(o => o >= from && o <= through) : 0;

    /// <summary>Forgets the offsets below the partition's committed offset: the log will not deliver them again.</summary>
    public void Prune(int partition, long committed)
    {
        if (committed <= _floors.GetValueOrDefault(partition)) return;
        _floors[partition] = committed;
        if (_offsets.TryGetValue(partition, out var set)) set.RemoveWhere(o => o < committed);
    }
}
