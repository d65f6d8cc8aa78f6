using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Cluster;

/// <summary>Events published to the streams reach the customer, session and product grains of a two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventFlowTests(ClusterFixture fixture)
{
    private ShopperEvent Valid(System.Text.Json.Nodes.JsonObject json) => fixture.Valid(json);

    private IProductGrain Product(string id) => fixture.Client.GetGrain<IProductGrain>(id);

    [Fact]
    public async Task Every_grain_an_event_concerns_applies_it_once()
    {
        var (customer, session, product) = (TestEvents.Unique("c"), TestEvents.Unique("s"), TestEvents.Unique("p"));
        var view = Valid(TestEvents.Viewed(customer, product, session, category: "Shoes"));
        var added = Valid(TestEvents.Added(customer, product, session, 1));

        // The view is published twice, as a producer retrying after a timeout would.
        await fixture.Publisher.PublishAsync([view, added, view], default);

        var productView = await Eventually.Matches(() => Product(product).GetView(), v => v.EventCounts.Values.Sum() >= 2);
        var customerView = await Eventually.Matches(() => fixture.Client.GetGrain<ICustomerGrain>(customer).GetView(), v => v.EventCounts.Values.Sum() >= 2);
        var sessionSnapshot = await Eventually.Matches(() => fixture.Client.GetGrain<ISessionGrain>(session).GetSnapshot(), s => s.EventCount >= 2);

        Assert.Equal(1, productView.EventCounts["Product Viewed"]);
        Assert.Equal(1, productView.EventCounts["Product Added"]);
        Assert.Equal(2, customerView.EventCounts.Values.Sum());
        Assert.Equal("Shoes", customerView.TopCategories.Single().Key);
        Assert.Equal(2, sessionSnapshot.EventCount);
        Assert.Equal([product], sessionSnapshot.Cart.ToArray());
        Assert.False(productView.Card.InCatalog);
    }

    [Fact]
    public async Task A_shopper_events_keep_their_order()
    {
        var (customer, session) = (TestEvents.Unique("c"), TestEvents.Unique("s"));
        var products = Enumerable.Range(0, 20).Select(i => TestEvents.Unique($"p{i}")).ToList();
        var events = products.Select((p, i) => Valid(TestEvents.Viewed(customer, p, session, i))).ToList();

        foreach (var batch in events.Chunk(5)) await fixture.Publisher.PublishAsync(batch, default);

        var snapshot = await Eventually.Matches(() => fixture.Client.GetGrain<ISessionGrain>(session).GetSnapshot(), s => s.EventCount == 20);
        Assert.Equal(products.AsEnumerable().Reverse(), snapshot.RecentItems.Select(i => i.ProductId));
    }

    [Fact]
    public async Task A_session_teaches_products_what_was_viewed_next()
    {
        var (customer, session, first, next) = (TestEvents.Unique("c"), TestEvents.Unique("s"), TestEvents.Unique("p"), TestEvents.Unique("p"));
        await fixture.Publisher.PublishAsync(
            [Valid(TestEvents.Viewed(customer, first, session, 0)), Valid(TestEvents.Viewed(customer, next, session, 1))], default);

        var neighbours = await Eventually.Matches(() => Product(first).GetNeighbours(10), n => n.Behavior.Length > 0);
        Assert.Equal(next, neighbours.Behavior.Single().ProductId);

        var similar = await fixture.Client.GetGrain<IOfferGrain>(0).GetSimilar(first, SimilarityKind.Behavior, 5);
        Assert.Equal(next, similar.Products.Single().ProductId);
    }
}
