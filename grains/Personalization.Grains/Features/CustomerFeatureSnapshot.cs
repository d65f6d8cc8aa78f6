using System.Collections.Immutable;
using Personalization.Customers;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;

namespace Personalization.Features;

/// <summary>
/// What a customer's behaviour says about them at one moment, flattened for analysts (the
/// <c>features/customers</c> lake table, docs/lake.md). Built from the grain's state in the grain's
/// turn, so it is a consistent picture; immutable, so it can be handed to the silo's writer.
/// </summary>
public sealed record CustomerFeatureSnapshot
{
    /// <summary>How many recent and purchased product ids a row carries; the grain keeps more.</summary>
    public const int ProductIdLimit = 10;

    public required string CustomerId { get; init; }
    public long Events { get; init; }
    public long ProductViews { get; init; }
    public long ProductClicks { get; init; }
    public long CartAdds { get; init; }
    public long CartRemoves { get; init; }
    public long CheckoutsStarted { get; init; }
    public long Orders { get; init; }
    public long Searches { get; init; }
    public long ListViews { get; init; }
    public long ZoneEntries { get; init; }
    public long ShelfPickups { get; init; }

    /// <summary>Strongest first, weights decayed to <see cref="LastEventAt"/>.</summary>
    public ImmutableArray<WeightedKey> TopCategories { get; init; } = [];
    public ImmutableArray<WeightedKey> TopBrands { get; init; } = [];

    /// <summary>Most recent first.</summary>
    public ImmutableArray<string> RecentProductIds { get; init; } = [];
    public ImmutableArray<string> RecentPurchaseIds { get; init; } = [];

    public DateTimeOffset? LastEventAt { get; init; }
    public string? LastStoreId { get; init; }
    public string? LastSessionId { get; init; }

    /// <summary>From the CRM profile, when one was loaded.</summary>
    public string? Segment { get; init; }
    public string? HomeStoreId { get; init; }
    public bool Consent { get; init; } = true;

    public static CustomerFeatureSnapshot Of(string customerId, CustomerBehaviour behaviour, CustomerProfile? profile, RankingOptions options)
    {
        var counters = behaviour.Counters;
        return new CustomerFeatureSnapshot
        {
            CustomerId = customerId,
            Events = counters.Total,
            ProductViews = counters[EventKind.ProductViewed],
            ProductClicks = counters[EventKind.ProductClicked],
            CartAdds = counters[EventKind.ProductAdded],
            CartRemoves = counters[EventKind.ProductRemoved],
            CheckoutsStarted = counters[EventKind.CheckoutStarted],
            Orders = counters[EventKind.OrderCompleted],
            Searches = counters[EventKind.ProductsSearched],
            ListViews = counters[EventKind.ProductListViewed],
            ZoneEntries = counters[EventKind.BeaconZoneEntered],
            ShelfPickups = counters[EventKind.ShelfItemPickedUp],
            TopCategories = CustomerBehaviour.TopKeys(behaviour.CategoryAffinity, options.AffinityHalfLife),
            TopBrands = CustomerBehaviour.TopKeys(behaviour.BrandAffinity, options.AffinityHalfLife),
            RecentProductIds = [.. behaviour.Recent.Items.Take(ProductIdLimit).Select(i => i.ProductId)],
            RecentPurchaseIds = [.. behaviour.Purchases.Select(p => p.ProductId).Distinct(StringComparer.Ordinal).Take(ProductIdLimit)],
            LastEventAt = behaviour.LastEventAt,
            LastStoreId = behaviour.LastStoreId,
            LastSessionId = behaviour.LastSessionKey,
            Segment = profile?.Segment,
            HomeStoreId = profile?.StoreId,
            Consent = profile?.Consent ?? true,
        };
    }
}
