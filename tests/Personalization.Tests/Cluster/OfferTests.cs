using Personalization.Catalog;
using Personalization.Customers;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class OfferTests(ClusterFixture fixture)
{
    private IOfferGrain Offers => fixture.Client.GetGrain<IOfferGrain>(0);

    private ShopperEvent Valid(System.Text.Json.Nodes.JsonObject json) => fixture.Valid(json);

    [Fact]
    public async Task Offers_reflect_what_other_shoppers_viewed_next_and_drop_what_is_not_for_sale()
    {
        var (anchor, good, soldOut) = (TestEvents.Unique("p"), TestEvents.Unique("p"), TestEvents.Unique("p"));
        var writer = new Api.Ingest.RecordWriter(fixture.Client);
        await writer.UpsertProductsAsync(
        [
            new ProductRecord { Id = anchor, Title = "Trail shoe", Stock = 5 },
            new ProductRecord { Id = good, Title = "Trail sock", Stock = 5 },
            new ProductRecord { Id = soldOut, Title = "Trail gaiter", Stock = 0 },
        ], default);

        // Another shopper viewed the anchor, then the two others.
        var other = TestEvents.Unique("c");
        var otherSession = TestEvents.Unique("s");
        await fixture.Publisher.PublishAsync(
        [
            Valid(TestEvents.Viewed(other, anchor, otherSession, 0)),
            Valid(TestEvents.Viewed(other, good, otherSession, 1)),
            Valid(TestEvents.Viewed(other, soldOut, otherSession, 2)),
        ], default);
        await Eventually.Matches(() => fixture.Client.GetGrain<IProductGrain>(anchor).GetNeighbours(10), n => n.Behavior.Length == 2);

        var shopper = TestEvents.Unique("c");
        await fixture.Publisher.PublishAsync([Valid(TestEvents.Viewed(shopper, anchor, TestEvents.Unique("s"), 5))], default);
        await Eventually.Matches(() => fixture.Client.GetGrain<ICustomerGrain>(shopper).GetView(), v => v.EventCounts.Values.Sum() == 1);

        var offers = await Offers.GetOffers(new OfferRequest { CustomerId = shopper, Limit = 5 });
        var offer = offers.Offers.First(x => x.ProductId == good);
        Assert.True(offers.Personalized);
        Assert.Contains(offer.Reasons, r => r.Kind == ReasonKinds.ViewedTogether && r.Text == "because you viewed Trail shoe");
        Assert.DoesNotContain(offers.Offers, x => x.ProductId == soldOut || x.ProductId == anchor && x.Reasons.All(r => r.Kind != ReasonKinds.Trending));
    }

    [Fact]
    public async Task A_brand_new_customer_gets_offers_not_an_error()
    {
        var seller = TestEvents.Unique("p");
        await fixture.Publisher.PublishAsync([Valid(TestEvents.Added(TestEvents.Unique("c"), seller, TestEvents.Unique("s")))], default);
        await Eventually.Matches(() => Offers.GetOffers(new OfferRequest { CustomerId = TestEvents.Unique("new"), Limit = 50 }), o => o.Offers.Any(x => x.ProductId == seller));

        var offers = await Offers.GetOffers(new OfferRequest { CustomerId = TestEvents.Unique("new"), Limit = 50 });

        Assert.False(offers.Personalized);
        Assert.All(offers.Offers, o => Assert.Equal(ReasonKinds.Trending, o.Reasons[0].Kind));
    }

    [Fact]
    public async Task A_customer_who_opted_out_gets_non_personalized_offers()
    {
        var (customer, anchor, next) = (TestEvents.Unique("c"), TestEvents.Unique("p"), TestEvents.Unique("p"));
        await new Api.Ingest.RecordWriter(fixture.Client).UpsertCustomersAsync([new CustomerProfile { Id = customer, Consent = false }], default);
        var session = TestEvents.Unique("s");
        await fixture.Publisher.PublishAsync([Valid(TestEvents.Viewed(customer, anchor, session, 0)), Valid(TestEvents.Viewed(customer, next, session, 1))], default);
        await Eventually.Matches(() => fixture.Client.GetGrain<ICustomerGrain>(customer).GetView(), v => v.EventCounts.Values.Sum() == 2);

        var offers = await Offers.GetOffers(new OfferRequest { CustomerId = customer, Limit = 20 });

        Assert.False(offers.Personalized);
        Assert.DoesNotContain(offers.Offers.SelectMany(o => o.Reasons), r => r.RelatedProductId is not null);
    }

    [Fact]
    public async Task An_event_is_visible_in_the_next_offers_call()
    {
        var (anchor, next) = (TestEvents.Unique("p"), TestEvents.Unique("p"));
        var other = TestEvents.Unique("c");
        var session = TestEvents.Unique("s");
        await fixture.Publisher.PublishAsync([Valid(TestEvents.Viewed(other, anchor, session, 0)), Valid(TestEvents.Viewed(other, next, session, 1))], default);
        await Eventually.Matches(() => fixture.Client.GetGrain<IProductGrain>(anchor).GetNeighbours(10), n => n.Behavior.Length == 1);

        var shopper = TestEvents.Unique("c");
        await fixture.Publisher.PublishAsync([Valid(TestEvents.Viewed(shopper, anchor, TestEvents.Unique("s"), 3))], default);
        var offers = await Eventually.Matches(
            () => Offers.GetOffers(new OfferRequest { CustomerId = shopper }),
            o => o.Offers.Any(x => x.ProductId == next && x.Reasons.Any(r => r.RelatedProductId == anchor)),
            TimeSpan.FromSeconds(5));

        Assert.True(offers.Personalized);
    }
}
