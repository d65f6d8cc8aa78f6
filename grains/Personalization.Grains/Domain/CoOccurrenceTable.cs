using Personalization.Grains;

namespace Personalization.Domain;

/// <summary>
/// One product's item-to-item evidence: a decayed weight per related product, and whether any of
/// it came from shoppers buying both. Bounded: past the capacity the weakest relations are dropped.
/// </summary>
[GenerateSerializer]
public sealed class CoOccurrenceTable
{
    [Id(0)] private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    [Id(1)] private DateTimeOffset _latest;

    [GenerateSerializer]
    public struct Entry
    {
        [Id(0)] public DecayedScore Score;
        [Id(1)] public double BoughtWeight;
    }

    public int Count => _entries.Count;

    public void Add(CoOccurrence signal, TimeSpan halfLife, int capacity)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_entries, signal.ProductId, out _);
        entry.Score.Add(signal.Weight, signal.Timestamp, halfLife);
        if (signal.Relation == Relation.BoughtTogether) entry.BoughtWeight += signal.Weight;
        if (signal.Timestamp > _latest) _latest = signal.Timestamp;
        if (_entries.Count > capacity + capacity / 2) Trim(capacity, halfLife);
    }

    /// <summary>The strongest relations at the latest evidence time, strongest first.</summary>
    public IEnumerable<Neighbour> Top(int count, TimeSpan halfLife) =>
        _entries
            .Select(kv => new Neighbour(
                kv.Key,
                kv.Value.Score.ValueAt(_latest, halfLife),
                kv.Value.BoughtWeight > 0 ? Relation.BoughtTogether : Relation.ViewedTogether))
            .OrderByDescending(n => n.Score)
            .ThenBy(n => n.ProductId, StringComparer.Ordinal)
            .Take(count);

    private void Trim(int keep, TimeSpan halfLife)
    {
        var survivors = Top(keep, halfLife).Select(n => n.ProductId).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _entries.Keys.Where(k => !survivors.Contains(k)).ToList())
        {
            _entries.Remove(key);
        }
    }
}
