using Personalization.Customers;
using Personalization.Domain;
using Personalization.Events;
using static Personalization.Tests.Domain.DomainEvents;

namespace Personalization.Tests.Domain;

public sealed class CustomerBehaviourTests
{
    private readonly RankingOptions _options = new();
    private readonly CustomerBehaviour _customer = new();

    [Fact]
    public void Events_count_per_kind_and_duplicates_do_not()
    {
        var view = Product(EventKind.ProductViewed, "a");
        Assert.True(_customer.Apply(view, _options));
        Assert.False(_customer.Apply(view, _options));
        _customer.Apply(Product(EventKind.ProductAdded, "a", 1), _options);

        Assert.Equal(1, _customer.Counters[EventKind.ProductViewed]);
        Assert.Equal(1, _customer.Counters[EventKind.ProductAdded]);
        Assert.Equal(2, _customer.Counters.Total);
    }

    [Fact]
    public void Affinities_weigh_purchases_above_views()
    {
        _customer.Apply(Product(EventKind.ProductViewed, "a", 0, category: "Shoes", brand: "Acme"), _options);
        _customer.Apply(Product(EventKind.ProductViewed, "b", 1, category: "Shoes", brand: "Acme"), _options);
        _customer.Apply(Order(2, "c"), _options);

        var snapshot = _customer.Snapshot("c1", null, _options);
        Assert.Equal("Cat", snapshot.TopCategories[0].Key);
        Assert.Equal("Shoes", snapshot.TopCategories[1].Key);
        Assert.Equal(["c"], snapshot.Purchases.Select(p => p.ProductId));
    }

    [Fact]
    public void The_snapshot_carries_consent_and_stores()
    {
        _customer.Apply(Product(EventKind.ShelfItemPickedUp, "a", 0, store: "S2"), _options);
        var snapshot = _customer.Snapshot("c1", new CustomerProfile { Id = "c1", Consent = false, StoreId = "S1" }, _options);

        Assert.False(snapshot.Consent);
        Assert.Equal(("S1", "S2"), (snapshot.HomeStoreId, snapshot.LastStoreId));
        Assert.Equal("s1", snapshot.LastSessionKey);
    }
}
