using System.Collections.Immutable;
using Personalization.Customers;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Persistence;

namespace Personalization.Domain;

/// <summary>A customer's long-term behaviour: counters, affinities, recent items and purchases.</summary>
[GenerateSerializer]
public sealed class CustomerBehaviour : IRecordsPositions
{
    [Id(0)] public EventCounters Counters { get; private set; } = new();
    [Id(1)] public DecayingWeights CategoryAffinity { get; private set; } = new();
    [Id(2)] public DecayingWeights BrandAffinity { get; private set; } = new();
    [Id(3)] public RecentItems Recent { get; private set; } = new();
    [Id(4)] public List<RecentItem> Purchases { get; private set; } = [];
    [Id(5)] public RecentMessageIds Applied { get; private set; } = new();
    [Id(6)] public string? LastStoreId { get; private set; }
    [Id(7)] public string? LastSessionKey { get; private set; }
    [Id(8)] public DateTimeOffset? LastEventAt { get; private set; }
    [Id(9)] public AppliedPositions Positions { get; private set; } = new();

    /// <summary>Applies one event; false when it is a duplicate and changed nothing.</summary>
    public bool Apply(ShopperEvent evt, RankingOptions options)
    {
        if (!Applied.TryRecord(evt.MessageId, options.DuplicateWindow)) return false;

        Counters.Increment(evt.Kind);
        if (LastEventAt is null || evt.Timestamp >= LastEventAt)
        {
            LastEventAt = evt.Timestamp;
            LastSessionKey = evt.SessionKey ?? LastSessionKey;
            if (evt.StoreId is not null) LastStoreId = evt.StoreId;
        }

        var strength = EventWeights.Strength(evt.Kind);
        foreach (var line in evt.ProductLines())
        {
            if (strength > 0)
            {
                if (line.Category is { } category)
                    CategoryAffinity.Add(category, strength, evt.Timestamp, options.AffinityHalfLife, options.AffinityCapacity);
                if (line.Brand is { } brand)
                    BrandAffinity.Add(brand, strength, evt.Timestamp, options.AffinityHalfLife, options.AffinityCapacity);
                Recent.Touch(line.ProductId, evt.Kind, evt.Timestamp, options.RecentItemsCapacity);
            }

            if (evt.Kind == EventKind.OrderCompleted) RecordPurchase(line.ProductId, evt.Timestamp, options);
        }

        return true;
    }

    public ShopperSnapshot Snapshot(string customerId, CustomerProfile? profile, RankingOptions options) => new()
    {
        CustomerId = customerId,
        Consent = profile?.Consent ?? true,
        HomeStoreId = profile?.StoreId,
        LastStoreId = LastStoreId,
        RecentItems = [.. Recent.Items],
        Purchases = [.. Purchases],
        TopCategories = TopKeys(CategoryAffinity, options.AffinityHalfLife),
        TopBrands = TopKeys(BrandAffinity, options.AffinityHalfLife),
        LastSessionKey = LastSessionKey,
        EventCount = Counters.Total,
    };

    public static ImmutableArray<WeightedKey> TopKeys(DecayingWeights weights, TimeSpan halfLife) =>
        [.. weights.Top(5, halfLife).Select(kv => new WeightedKey(kv.Key, kv.Weight))];

    private void RecordPurchase(string productId, DateTimeOffset at, RankingOptions options)
    {
        Purchases.Insert(0, new RecentItem(productId, EventKind.OrderCompleted, at));
        if (Purchases.Count > options.PurchaseHistoryCapacity) Purchases.RemoveAt(Purchases.Count - 1);
    }
}
