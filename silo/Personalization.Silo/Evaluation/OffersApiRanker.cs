using System.Text.Json;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// Asks the public offers API, <c>GET /v1/customers/{id}/offers?limit=K&amp;exclude=seen</c>, exactly
/// as a storefront would. The API already leaves the history out; a history item that still came
/// back would be dropped here and counted in <see cref="HistoryReturned"/> (reported, expected 0).
/// </summary>
public sealed class OffersApiRanker(HttpClient storefront, string name = "Personalization (live API)") : IRanker
{
    private long _historyReturned;
    private readonly Dictionary<string, int> _rankers = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public long HistoryReturned => Interlocked.Read(ref _historyReturned);

    /// <summary>Which ranker answered (OfferList.Ranker), with how many users.</summary>
    public IReadOnlyDictionary<string, int> Rankers
    {
        get { lock (_rankers) return new Dictionary<string, int>(_rankers); }
    }

    public async Task<IReadOnlyList<string>> RankAsync(UserCase user, int count, CancellationToken cancellationToken)
    {
        var path = $"/v1/customers/{Uri.EscapeDataString(user.UserId)}/offers?limit={count}&exclude=seen";
        using var response = await storefront.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");

        using var json = JsonDocument.Parse(text);
        var ranker = json.RootElement.GetProperty("ranker").GetString() ?? "?";
        lock (_rankers) _rankers[ranker] = _rankers.GetValueOrDefault(ranker) + 1;

        var ranked = new List<string>(count);
        foreach (var offer in json.RootElement.GetProperty("offers").EnumerateArray())
        {
            var id = offer.GetProperty("productId").GetString()!;
            if (user.Seen.Contains(id)) Interlocked.Increment(ref _historyReturned);
            else ranked.Add(id);
        }

        return ranked;
    }
}
