using Personalization.Events;
using Personalization.Grains;
using Personalization.Persistence;

namespace Personalization.Domain;

/// <summary>
/// A session's short-term context, and the source of item-to-item evidence: each interaction is
/// paired with the items touched just before it in the same session. What a shopper touches next
/// says most, so the earlier item learns about the later one at full weight, the later one about
/// the earlier at half, and the weight falls with the distance in the sequence.
/// </summary>
[GenerateSerializer]
public sealed class SessionBehaviour : IRecordsPositions
{
    [Id(0)] public RecentItems Recent { get; private set; } = new();
    [Id(1)] public HashSet<string> Cart { get; private set; } = new(StringComparer.Ordinal);
    [Id(2)] public HashSet<string> Purchased { get; private set; } = new(StringComparer.Ordinal);
    [Id(3)] public RecentMessageIds Applied { get; private set; } = new();
    [Id(4)] public EventCounters Counters { get; private set; } = new();
    [Id(5)] public DateTimeOffset? LastEventAt { get; private set; }
    [Id(6)] public string? StoreId { get; private set; }
    [Id(7)] public string? Zone { get; private set; }
    [Id(8)] public string? LastQuery { get; private set; }
    [Id(9)] public AppliedPositions Positions { get; private set; } = new();

    /// <summary>The weight the later item carries for the earlier one, relative to the other direction.</summary>
    public const double BackwardWeight = 0.5;

    /// <summary>
    /// Applies one event and returns the co-occurrence evidence it creates, addressed to the product
    /// that should learn it. Empty for a duplicate.
    /// </summary>
    public List<(string Target, CoOccurrence Signal)> Apply(ShopperEvent evt, RankingOptions options)
    {
        var signals = new List<(string, CoOccurrence)>();
        if (!Applied.TryRecord(evt.MessageId, options.DuplicateWindow)) return signals;

        if (LastEventAt is { } last && evt.Timestamp - last > options.SessionTimeout) StartAfresh();
        if (LastEventAt is null || evt.Timestamp > LastEventAt) LastEventAt = evt.Timestamp;
        Counters.Increment(evt.Kind);
        if (evt.StoreId is not null) StoreId = evt.StoreId;
        if (evt.Zone is not null) Zone = evt.Zone;
        if (evt.Query is not null) LastQuery = evt.Query;

        foreach (var line in evt.ProductLines())
        {
            UpdateCart(evt.Kind, line.ProductId);
            if (!EventWeights.IsInterest(evt.Kind)) continue;
            Pair(line.ProductId, evt, options, signals);
            Recent.Touch(line.ProductId, evt.Kind, evt.Timestamp, options.RecentItemsCapacity);
        }

        return signals;
    }

    public SessionSnapshot Snapshot(string sessionKey) => new()
    {
        SessionKey = sessionKey,
        RecentItems = [.. Recent.Items],
        Cart = [.. Cart],
        Purchased = [.. Purchased],
        StoreId = StoreId,
        Zone = Zone,
        LastQuery = LastQuery,
        EventCount = Counters.Total,
    };

    private void Pair(string productId, ShopperEvent evt, RankingOptions options, List<(string, CoOccurrence)> signals)
    {
        var distance = 0;
        foreach (var earlier in Recent.Items)
        {
            if (earlier.ProductId == productId) continue;
            if (++distance > options.CoOccurrenceWindow) break;

            var bothBought = evt.Kind == EventKind.OrderCompleted && earlier.Kind == EventKind.OrderCompleted;
            var relation = bothBought ? Relation.BoughtTogether : Relation.ViewedTogether;
            var weight = Math.Min(EventWeights.Strength(evt.Kind), EventWeights.Strength(earlier.Kind)) / distance;
            signals.Add((earlier.ProductId, new CoOccurrence(productId, weight, relation, evt.Timestamp)));
            signals.Add((productId, new CoOccurrence(earlier.ProductId, weight * BackwardWeight, relation, evt.Timestamp)));
        }
    }

    private void UpdateCart(EventKind kind, string productId)
    {
        switch (kind)
        {
            case EventKind.ProductAdded:
                Cart.Add(productId);
                break;
            case EventKind.ProductRemoved:
                Cart.Remove(productId);
                break;
            case EventKind.OrderCompleted:
                Cart.Remove(productId);
                Purchased.Add(productId);
                break;
        }
    }

    private void StartAfresh()
    {
        Recent = new RecentItems();
        Cart.Clear();
        Purchased.Clear();
        Zone = null;
        LastQuery = null;
    }
}
