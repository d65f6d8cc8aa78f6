namespace Personalization.Domain;

/// <summary>
/// Decayed weights per key (a customer's affinity to categories or brands, a product's popularity
/// per store), bounded in size: past the capacity the weakest keys are forgotten.
/// </summary>
[GenerateSerializer]
public sealed class DecayingWeights
{
    [Id(0)] private readonly Dictionary<string, DecayedScore> _weights = new(StringComparer.Ordinal);
    [Id(1)] private DateTimeOffset _latest;

    public int Count => _weights.Count;

    public void Add(string key, double weight, DateTimeOffset at, TimeSpan halfLife, int capacity)
    {
        ref var score = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_weights, key, out _);
        score.Add(weight, at, halfLife);
        if (at > _latest) _latest = at;
        if (_weights.Count > capacity) Trim(capacity * 3 / 4, halfLife);
    }

    public double ValueAt(string key, DateTimeOffset time, TimeSpan halfLife) =>
        _weights.TryGetValue(key, out var score) ? score.ValueAt(time, halfLife) : 0;

    /// <summary>The strongest keys at the latest event time, strongest first.</summary>
    public IEnumerable<(string Key, double Weight)> Top(int count, TimeSpan halfLife) =>
        _weights.Select(kv => (kv.Key, Weight: kv.Value.ValueAt(_latest, halfLife)))
            .Where(kv => kv.Weight > 0)
            .OrderByDescending(kv => kv.Weight)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(count);

    private void Trim(int keep, TimeSpan halfLife)
    {
        var survivors = Top(keep, halfLife).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _weights.Keys.Where(k => !survivors.Contains(k)).ToList())
        {
            _weights.Remove(key);
        }
    }
}
