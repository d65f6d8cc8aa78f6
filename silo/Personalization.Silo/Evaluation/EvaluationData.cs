namespace Personalization.Silo.Evaluation;

/// <summary>A catalogue entry of an evaluation dataset, sent through <c>POST /v1/catalog/products</c>.</summary>
public sealed record CatalogItem(string Id, string? Title, IReadOnlyList<string> CategoryPath, string? Brand, decimal? Price);

/// <summary>One order (one item for sequence datasets) in a user's known history.</summary>
public sealed record HistoryOrder(string OrderId, DateTimeOffset Timestamp, IReadOnlyList<OrderLine> Lines);

public sealed record OrderLine(string ProductId, int Quantity, decimal? Price);

/// <summary>
/// One user to score: the history the system may see (replayed as events, oldest first), the products
/// to exclude from the ranking (everything in that history), and the held-back targets.
/// </summary>
public sealed record UserCase(string UserId, IReadOnlyList<HistoryOrder> History, IReadOnlySet<string> Targets)
{
    public IReadOnlySet<string> Seen { get; } = History.SelectMany(o => o.Lines).Select(l => l.ProductId).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// A dataset prepared under one protocol. <see cref="Users"/> are scored; <see cref="Replay"/> is
/// every history the system is shown (for a time split it includes customers that are not scored).
/// <see cref="WholeFileCounts"/> counts every interaction in the file, test items included: PopRec.
/// </summary>
public sealed record EvaluationData(
    string Name,
    string Protocol,
    IReadOnlyList<CatalogItem> Catalog,
    IReadOnlyList<UserCase> Users,
    IReadOnlyList<UserCase> Replay,
    IReadOnlyDictionary<string, int> WholeFileCounts,
    IReadOnlyList<int> Cutoffs);
