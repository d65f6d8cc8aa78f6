namespace Personalization.Silo.Evaluation;

/// <summary>
/// Ranks by a count, most first, ties by product id. With counts over the whole file (test items
/// included) this is the paper's PopRec; with counts over the replayed history it is the honest
/// popularity baseline a live system could have.
/// </summary>
public sealed class PopularityRanker(string name, IReadOnlyDictionary<string, int> counts) : IRanker
{
    private readonly string[] _order = counts
        .OrderByDescending(kv => kv.Value)
        .ThenBy(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => kv.Key)
        .ToArray();

    public string Name { get; } = name;

    public static PopularityRanker FromHistory(string name, IEnumerable<UserCase> users)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in users.SelectMany(u => u.History).SelectMany(o => o.Lines))
            counts[line.ProductId] = counts.GetValueOrDefault(line.ProductId) + 1;
        return new PopularityRanker(name, counts);
    }

    public Task<IReadOnlyList<string>> RankAsync(UserCase user, int count, CancellationToken cancellationToken)
    {
        var ranked = new List<string>(count);
        foreach (var id in _order)
        {
            if (user.Seen.Contains(id)) continue;
            ranked.Add(id);
            if (ranked.Count == count) break;
        }

        return Task.FromResult<IReadOnlyList<string>>(ranked);
    }
}
