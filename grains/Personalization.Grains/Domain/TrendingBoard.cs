using Personalization.Grains;

namespace Personalization.Domain;

/// <summary>
/// The most popular products of a scope. Entries carry decayed scores at their own reference times;
/// ranking decays all of them to the latest reference, so the order is the true current order.
/// </summary>
[GenerateSerializer]
public sealed class TrendingBoard
{
    [Id(0)] private readonly Dictionary<string, TrendingEntry> _entries = new(StringComparer.Ordinal);
    [Id(1)] private DateTimeOffset _latest;

    public int Count => _entries.Count;

    /// <summary>Records a product's score; a report older than the one held (late in arriving) is ignored.</summary>
    public void Report(TrendingEntry entry, TimeSpan halfLife, int capacity)
    {
        if (_entries.TryGetValue(entry.ProductId, out var held) && held.ReferenceTime > entry.ReferenceTime) return;
        _entries[entry.ProductId] = entry;
        if (entry.ReferenceTime > _latest) _latest = entry.ReferenceTime;
        if (_entries.Count > capacity * 2) Trim(capacity, halfLife);
    }

    /// <summary>The top entries, each with its score decayed to the latest reference time.</summary>
    public List<TrendingEntry> Top(int limit, TimeSpan halfLife) =>
        _entries.Values
            .Select(e => e with { Score = ScoreAt(e, halfLife), ReferenceTime = _latest })
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.ProductId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    private double ScoreAt(TrendingEntry entry, TimeSpan halfLife) =>
        entry.Score * Math.Pow(2, -(_latest - entry.ReferenceTime).Ticks / (double)halfLife.Ticks);

    private void Trim(int keep, TimeSpan halfLife)
    {
        var survivors = Top(keep, halfLife).Select(e => e.ProductId).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _entries.Keys.Where(k => !survivors.Contains(k)).ToList())
        {
            _entries.Remove(key);
        }
    }
}
