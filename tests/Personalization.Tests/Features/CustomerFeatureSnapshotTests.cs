using Personalization.Customers;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Features;
using static Personalization.Tests.Domain.DomainEvents;

namespace Personalization.Tests.Features;

public sealed class CustomerFeatureSnapshotTests
{
    private readonly RankingOptions _options = new();
    private readonly CustomerBehaviour _customer = new();

    [Fact]
    public void Counters_affinities_and_recent_items_come_from_the_behaviour()
    {
        _customer.Apply(Product(EventKind.ProductViewed, "p1", minute: 0, category: "Shoes", brand: "Acme", store: "s-7"), _options);
        _customer.Apply(Product(EventKind.ProductViewed, "p2", minute: 1, category: "Shoes", brand: "Acme"), _options);
        _customer.Apply(Product(EventKind.ProductAdded, "p3", minute: 2, category: "Hats", brand: "Hatco"), _options);
        _customer.Apply(Order(3, "p2", "p3"), _options);

        var features = CustomerFeatureSnapshot.Of("c1", _customer, null, _options);

        Assert.Equal("c1", features.CustomerId);
        Assert.Equal((4, 2, 1, 1, 0), (features.Events, features.ProductViews, features.CartAdds, features.Orders, features.CartRemoves));
        Assert.Equal(["Cat", "Hats", "Shoes"], features.TopCategories.Select(k => k.Key).Order());
        Assert.Contains("Acme", features.TopBrands.Select(k => k.Key));
        Assert.Equal(["p3", "p2", "p1"], features.RecentProductIds.ToArray());
        Assert.Equal(["p2", "p3"], features.RecentPurchaseIds.Order());
        Assert.Equal(T0.AddMinutes(3), features.LastEventAt);
        Assert.Equal("s-7", features.LastStoreId);
        Assert.Equal("s1", features.LastSessionId);
    }

    [Fact]
    public void The_profile_adds_segment_home_store_and_consent()
    {
        _customer.Apply(Product(EventKind.ProductViewed, "p1"), _options);
        var profile = new CustomerProfile { Id = "c1", Segment = "gold", StoreId = "s-1", Consent = false };

        var features = CustomerFeatureSnapshot.Of("c1", _customer, profile, _options);

        Assert.Equal(("gold", "s-1", false), (features.Segment, features.HomeStoreId, features.Consent));
    }

    [Fact]
    public void A_customer_with_neither_events_nor_profile_has_zero_counters_and_empty_lists()
    {
        var features = CustomerFeatureSnapshot.Of("c1", _customer, null, _options);

        Assert.Equal(0, features.Events);
        Assert.Empty(features.TopCategories);
        Assert.Empty(features.RecentProductIds);
        Assert.Null(features.LastEventAt);
        Assert.True(features.Consent);
    }

    [Fact]
    public void Product_id_lists_keep_only_the_latest_ten()
    {
        for (var i = 0; i < 15; i++) _customer.Apply(Product(EventKind.ProductViewed, $"p{i}", minute: i), _options);

        var features = CustomerFeatureSnapshot.Of("c1", _customer, null, _options);

        Assert.Equal(CustomerFeatureSnapshot.ProductIdLimit, features.RecentProductIds.Length);
        Assert.Equal("p14", features.RecentProductIds[0]);
        Assert.Equal(15, features.ProductViews);
    }
}
