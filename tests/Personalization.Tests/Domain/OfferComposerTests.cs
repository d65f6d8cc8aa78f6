using System.Collections.Immutable;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Tests.Domain;

public sealed class OfferComposerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly RankingOptions _options = new();

    private static ProductCard Card(string id, decimal price = 10, bool inStock = true, string category = "Cat") =>
        new() { Id = id, Title = "Title " + id, CategoryPath = [category], Price = price, InStock = inStock, InCatalog = true };

    private static ShopperSnapshot Shopper(bool consent = true, params RecentItem[] recent) =>
        new() { CustomerId = "c1", Consent = consent, RecentItems = [.. recent] };

    private static ProductNeighbours Neighbours(string id, params (string Id, double Score)[] behavior) =>
        new(id, [.. behavior.Select(b => new Neighbour(b.Id, b.Score, Relation.ViewedTogether))], []);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<TrendingEntry>> NoCategories = new Dictionary<string, IReadOnlyList<TrendingEntry>>();

    private static List<TrendingEntry> Trending(params string[] ids) => [.. ids.Select((id, i) => new TrendingEntry(id, 100 - i, T0))];

    [Fact]
    public void Neighbours_of_recent_items_outrank_trending_and_say_why()
    {
        var plan = OfferPlan.For(new OfferRequest { CustomerId = "c1" }, Shopper(true, new RecentItem("a", EventKind.ProductViewed, T0)), null, _options);
        var candidates = OfferComposer.Score(plan, new Dictionary<string, ProductNeighbours> { ["a"] = Neighbours("a", ("b", 4), ("c", 2)) },
            NoCategories, [], Trending("t"));
        var offers = OfferComposer.Finalize(plan, candidates, new[] { "a", "b", "c", "t" }.ToDictionary(id => id, id => Card(id)));

        Assert.True(plan.Personalized);
        Assert.Equal(["b", "c", "t"], offers.Select(o => o.ProductId));
        Assert.Equal("because you viewed Title a", offers[0].Reasons[0].Text);
        Assert.Equal("trending now", offers[2].Reasons[0].Text);
    }

    [Fact]
    public void A_shopper_without_consent_gets_only_non_personal_offers()
    {
        var plan = OfferPlan.For(new OfferRequest { CustomerId = "c1" }, Shopper(false, new RecentItem("a", EventKind.ProductViewed, T0)), null, _options);

        Assert.False(plan.Personalized);
        Assert.Empty(plan.Anchors);
        Assert.Empty(plan.Brands);
    }

    [Fact]
    public void A_brand_new_shopper_gets_trending_products()
    {
        var plan = OfferPlan.For(new OfferRequest(), null, null, _options);
        var candidates = OfferComposer.Score(plan, new Dictionary<string, ProductNeighbours>(), NoCategories, [], Trending("t1", "t2"));
        var offers = OfferComposer.Finalize(plan, candidates, new[] { "t1", "t2" }.ToDictionary(id => id, id => Card(id)));

        Assert.Equal(["t1", "t2"], offers.Select(o => o.ProductId));
    }

    [Fact]
    public void Filters_drop_out_of_stock_too_expensive_and_other_category_products()
    {
        var plan = OfferPlan.For(new OfferRequest { MaxPrice = 20, Category = "Shoes" }, null, null, _options);
        var candidates = OfferComposer.Score(plan, new Dictionary<string, ProductNeighbours>(), NoCategories, [], Trending("ok", "sold-out", "pricey", "other"));
        var cards = new Dictionary<string, ProductCard>
        {
            ["ok"] = Card("ok", 15, category: "Shoes"),
            ["sold-out"] = Card("sold-out", 15, inStock: false, category: "Shoes"),
            ["pricey"] = Card("pricey", 25, category: "Shoes"),
            ["other"] = Card("other", 5, category: "Hats"),
        };

        Assert.Equal(["ok"], OfferComposer.Finalize(plan, candidates, cards).Select(o => o.ProductId));
    }

    [Fact]
    public void Recent_purchases_and_the_cart_are_not_offered()
    {
        var customer = Shopper() with { Purchases = [new RecentItem("bought", EventKind.OrderCompleted, T0)] };
        var session = new SessionSnapshot { SessionKey = "s1", Cart = ["in-cart"] };
        var plan = OfferPlan.For(new OfferRequest { CustomerId = "c1" }, customer, session, _options);
        var candidates = OfferComposer.Score(plan, new Dictionary<string, ProductNeighbours>(), NoCategories, [], Trending("bought", "in-cart", "fresh"));

        Assert.Equal(["fresh"], candidates.Select(c => c.ProductId));
    }

    [Fact]
    public void The_limit_is_honoured()
    {
        var plan = OfferPlan.For(new OfferRequest { Limit = 2 }, null, null, _options);
        var ids = Enumerable.Range(0, 5).Select(i => $"p{i}").ToArray();
        var candidates = OfferComposer.Score(plan, new Dictionary<string, ProductNeighbours>(), NoCategories, [], Trending(ids));

        Assert.Equal(2, OfferComposer.Finalize(plan, candidates, ids.ToDictionary(id => id, id => Card(id))).Length);
    }
}
