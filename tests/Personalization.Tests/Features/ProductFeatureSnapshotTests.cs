using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Features;
using Personalization.Grains;
using static Personalization.Tests.Domain.DomainEvents;

namespace Personalization.Tests.Features;

public sealed class ProductFeatureSnapshotTests
{
    private readonly RankingOptions _options = new();
    private readonly ProductBehaviour _product = new();

    [Fact]
    public void Counters_units_and_popularity_come_from_the_events()
    {
        _product.Apply("a", Product(EventKind.ProductViewed, "a", minute: 0, store: "s-1"), _options);
        _product.Apply("a", Product(EventKind.ProductViewed, "a", minute: 1, store: "s-2"), _options);
        _product.Apply("a", Product(EventKind.ProductAdded, "a", minute: 2, store: "s-2"), _options);
        _product.Apply("a", Order(3, "a", "b"), _options);

        var features = ProductFeatureSnapshot.Of("a", _product, _options);

        Assert.Equal((4, 2, 1, 1, 2), (features.Events, features.Views, features.CartAdds, features.Orders, features.UnitsSold));
        Assert.Equal(T0.AddMinutes(3), features.LastEventAt);
        Assert.Equal(_product.Popularity.ValueAt(T0.AddMinutes(3), _options.PopularityHalfLife), features.Popularity);
        Assert.True(features.Popularity > 0);
        Assert.Equal("s-2", features.TopStores[0].Key);
    }

    [Fact]
    public void The_catalogue_record_describes_a_catalogued_product()
    {
        _product.Apply("a", Product(EventKind.ProductViewed, "a", category: "Seen", brand: "SeenBrand"), _options);
        _product.Record = new ProductRecord { Id = "a", Title = "Boot", CategoryPath = ["Shoes", "Boots"], Brand = "Acme", Price = 59.9m, Currency = "EUR", Stock = 3, Active = false };

        var features = ProductFeatureSnapshot.Of("a", _product, _options);

        Assert.True(features.InCatalog);
        Assert.Equal(("Boot", "Boots", "Acme", 59.9m, "EUR", 3, false), (features.Title, features.Category, features.Brand, features.Price, features.Currency, features.Stock, features.Active));
        Assert.Equal(["Shoes", "Boots"], features.CategoryPath.ToArray());
    }

    [Fact]
    public void A_product_only_seen_in_events_is_described_by_them()
    {
        _product.Apply("a", Product(EventKind.ProductViewed, "a", category: "Shoes", brand: "Acme"), _options);

        var features = ProductFeatureSnapshot.Of("a", _product, _options);

        Assert.False(features.InCatalog);
        Assert.Equal(("Shoes", "Acme", (int?)null), (features.Category, features.Brand, features.Stock));
    }

    [Fact]
    public void Neighbours_are_the_strongest_ten_of_each_kind()
    {
        for (var i = 0; i < 12; i++)
            _product.CoOccurrence.Add(new CoOccurrence($"n{i}", i + 1, Relation.ViewedTogether, T0), _options.CoOccurrenceHalfLife, _options.NeighbourCapacity);
        _product.ContentNeighbours = [new Neighbour("c1", 0.9, Relation.SimilarContent), new Neighbour("c2", 0.5, Relation.SimilarContent)];

        var features = ProductFeatureSnapshot.Of("a", _product, _options);

        Assert.Equal(ProductFeatureSnapshot.NeighbourLimit, features.BehaviourNeighbours.Length);
        Assert.Equal("n11", features.BehaviourNeighbours[0].ProductId);
        Assert.Equal(["c1", "c2"], features.ContentNeighbours.Select(n => n.ProductId));
    }
}
