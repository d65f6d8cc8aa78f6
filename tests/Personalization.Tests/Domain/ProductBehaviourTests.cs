using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using static Personalization.Tests.Domain.DomainEvents;

namespace Personalization.Tests.Domain;

public sealed class ProductBehaviourTests
{
    private readonly RankingOptions _options = new();
    private readonly ProductBehaviour _product = new();

    [Fact]
    public void Units_sold_come_from_the_product_own_order_line()
    {
        _product.Apply("a", Order(0, "a", "b"), _options);

        Assert.Equal(2, _product.UnitsSold);
        Assert.Equal(1, _product.Counters[EventKind.OrderCompleted]);
    }

    [Fact]
    public void A_product_unknown_to_the_catalogue_is_described_by_its_events()
    {
        _product.Apply("a", Product(EventKind.ProductViewed, "a", category: "Shoes", brand: "Acme"), _options);
        var card = _product.Card("a");

        Assert.False(card.InCatalog);
        Assert.Equal(("Shoes", "Acme"), (card.Category, card.Brand));
    }

    [Fact]
    public void The_catalogue_record_decides_stock_and_activity()
    {
        _product.Record = new ProductRecord { Id = "a", Title = "Boot", CategoryPath = ["Shoes", "Boots"], Stock = 0 };
        var card = _product.Card("a");

        Assert.True(card.InCatalog);
        Assert.False(card.InStock);
        Assert.True(card.IsInCategory("shoes"));
    }

    [Fact]
    public void Trending_reports_are_throttled_until_popularity_grows_by_a_tenth()
    {
        _product.Apply("a", Product(EventKind.ProductAdded, "a", 0), _options);
        Assert.NotNull(_product.TakeTrendingReport("a", _options));

        // A removal adds no popularity, so there is nothing new to report; a view (1 on top of 3) is.
        _product.Apply("a", Product(EventKind.ProductRemoved, "a", 0), _options);
        Assert.Null(_product.TakeTrendingReport("a", _options));

        _product.Apply("a", Product(EventKind.ProductViewed, "a", 0), _options);
        Assert.Equal(4, _product.TakeTrendingReport("a", _options)!.Score, 9);
    }
}
