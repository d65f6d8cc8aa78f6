namespace Personalization.Silo.Evaluation;

/// <summary>
/// Plain item-kNN (Sarwar et al. 2001, Deshpande &amp; Karypis 2004) over the replayed histories:
/// two items are similar by the cosine of their user sets, c(i,j)/√(n(i)·n(j)); each item keeps its
/// <see cref="Neighbours"/> most similar; a user's score for j is Σ sim(i, j) over the items i of the
/// user's history. No order, no recency, no content: the reference a sequence-aware ranker must beat.
/// </summary>
public sealed class ItemKnnRanker : IRanker
{
    public const int Neighbours = 100;

    /// <summary>Only the latest items of a long history are paired, bounding the quadratic cost.</summary>
    public const int MaxItemsPerUser = 200;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<(int Item, double Similarity)[]> _neighbours = [];

    public ItemKnnRanker(IEnumerable<UserCase> users)
    {
        var itemCounts = new List<int>();
        var pairs = new Dictionary<(int, int), int>();
        foreach (var user in users)
        {
            var items = user.History.SelectMany(o => o.Lines).Select(l => Index(l.ProductId)).Distinct().TakeLast(MaxItemsPerUser).ToArray();
            foreach (var i in items)
            {
                while (itemCounts.Count <= i) itemCounts.Add(0);
                itemCounts[i]++;
            }

            for (var a = 0; a < items.Length; a++)
            for (var b = a + 1; b < items.Length; b++)
            {
                var key = items[a] < items[b] ? (items[a], items[b]) : (items[b], items[a]);
                pairs[key] = pairs.GetValueOrDefault(key) + 1;
            }
        }

        var lists = new List<(int, double)>[_ids.Count];
        for (var i = 0; i < lists.Length; i++) lists[i] = [];
        foreach (var ((a, b), c) in pairs)
        {
            var similarity = c / Math.Sqrt((double)itemCounts[a] * itemCounts[b]);
            lists[a].Add((b, similarity));
            lists[b].Add((a, similarity));
        }

        foreach (var list in lists) _neighbours.Add([.. list.OrderByDescending(n => n.Item2).ThenBy(n => n.Item1).Take(Neighbours)]);
    }

    public string Name => "Item-kNN (offline)";

    public Task<IReadOnlyList<string>> RankAsync(UserCase user, int count, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<int, double>();
        foreach (var id in user.Seen)
        {
            if (!_index.TryGetValue(id, out var item)) continue;
            foreach (var (other, similarity) in _neighbours[item]) scores[other] = scores.GetValueOrDefault(other) + similarity;
        }

        IReadOnlyList<string> ranked = scores
            .Where(kv => !user.Seen.Contains(_ids[kv.Key]))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(count)
            .Select(kv => _ids[kv.Key])
            .ToList();
        return Task.FromResult(ranked);
    }

    private int Index(string id)
    {
        if (_index.TryGetValue(id, out var i)) return i;
        _index[id] = i = _ids.Count;
        _ids.Add(id);
        return i;
    }
}
