using System.Net;
using System.Text.Json.Nodes;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class QueryApiTests(ApiHost host)
{
    private readonly HttpClient _ingest = host.Ingest();
    private readonly HttpClient _storefront = host.Storefront();

    [Fact]
    public async Task Events_posted_over_http_show_up_in_offers_with_reasons()
    {
        var (shoe, sock, hat) = (TestEvents.Unique("shoe"), TestEvents.Unique("sock"), TestEvents.Unique("hat"));
        var catalog = await _ingest.PostJson("/v1/catalog/products", new JsonArray(
            new JsonObject { ["id"] = shoe, ["title"] = "Trail running shoe", ["categoryPath"] = "Sports > Running", ["brand"] = "Stride", ["price"] = 120, ["stock"] = 3 },
            new JsonObject { ["id"] = sock, ["title"] = "Trail running sock", ["categoryPath"] = "Sports > Running", ["brand"] = "Stride", ["price"] = 12, ["stock"] = 40 },
            new JsonObject { ["id"] = hat, ["title"] = "Wool hat", ["categoryPath"] = new JsonArray("Fashion", "Hats"), ["price"] = 30, ["active"] = false }));
        Assert.Equal(HttpStatusCode.Accepted, catalog.StatusCode);

        var (other, otherSession) = (TestEvents.Unique("c"), TestEvents.Unique("s"));
        await _ingest.PostJson("/v1/events", new JsonArray(
            TestEvents.Viewed(other, shoe, otherSession, 0), TestEvents.Viewed(other, sock, otherSession, 1), TestEvents.Viewed(other, hat, otherSession, 2)));
        var (customer, session) = (TestEvents.Unique("c"), TestEvents.Unique("s"));
        await _ingest.PostJson("/v1/events", new JsonArray(TestEvents.Viewed(customer, shoe, session, 10)));

        // The sock is a content neighbour as soon as the catalogue is indexed; wait for the other
        // shopper's co-occurrence to arrive too, which then outweighs it as the first reason.
        var offers = await Eventually.Matches(
            async () => await (await _storefront.GetAsync($"/v1/customers/{customer}/offers?sessionId={session}&limit=5")).Json(),
            o => o.GetProperty("offers").EnumerateArray().Any(x => x.Str("productId") == sock
                && x.GetProperty("reasons").EnumerateArray().Any(r => r.Str("kind") == "viewed-together")));

        var sockOffer = offers.GetProperty("offers").EnumerateArray().First(x => x.Str("productId") == sock);
        Assert.Equal("because you viewed Trail running shoe", sockOffer.GetProperty("reasons")[0].Str("text"));
        Assert.Equal("Trail running sock", sockOffer.GetProperty("product").Str("title"));
        Assert.DoesNotContain(offers.GetProperty("offers").EnumerateArray(), x => x.Str("productId") == hat);
        Assert.True(offers.GetProperty("personalized").GetBoolean());

        var similar = await (await _storefront.GetAsync($"/v1/products/{shoe}/similar?kind=content&limit=3")).Json();
        Assert.Equal(sock, similar.GetProperty("products")[0].Str("productId"));
        Assert.Equal("similar-to", similar.GetProperty("products")[0].GetProperty("reason").Str("kind"));
    }

    [Fact]
    public async Task Anonymous_sessions_get_offers_too()
    {
        var response = await _storefront.GetAsync($"/v1/sessions/{TestEvents.Unique("anon")}/offers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("heuristic", (await response.Json()).Str("ranker"));
    }

    [Theory]
    [InlineData("/v1/customers/c1/offers?limit=0", "limit")]
    [InlineData("/v1/customers/c1/offers?limit=abc", "limit")]
    [InlineData("/v1/customers/c1/offers?limit=101", "limit")]
    [InlineData("/v1/customers/c1/offers?maxPrice=-1", "maxPrice")]
    [InlineData("/v1/customers/c1/offers?exclude=everything", "exclude")]
    [InlineData("/v1/products/p1/similar?kind=telepathy", "kind")]
    public async Task Invalid_query_parameters_get_a_precise_problem(string path, string field)
    {
        var response = await _storefront.GetAsync(path);
        var problem = await response.Json();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:personalization:problem:invalid-parameter", problem.Str("type"));
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task Catalogue_and_customer_upserts_report_bad_records()
    {
        var products = await _ingest.PostJson("/v1/catalog/products", new JsonArray(
            new JsonObject { ["id"] = TestEvents.Unique("p"), ["price"] = 5, ["currency"] = "EUR" },
            new JsonObject { ["id"] = TestEvents.Unique("p"), ["currency"] = "euro" },
            new JsonObject { ["id"] = TestEvents.Unique("p"), ["stock"] = -1 }));
        var customers = await _ingest.PostJson("/v1/customers", new JsonArray(
            new JsonObject { ["id"] = TestEvents.Unique("c"), ["consent"] = true, ["segment"] = "vip" },
            new JsonObject { ["id"] = TestEvents.Unique("c") }));

        var productResults = (await products.Json()).GetProperty("results");
        Assert.Equal(HttpStatusCode.Accepted, products.StatusCode);
        Assert.Equal(["accepted", "rejected", "rejected"], productResults.EnumerateArray().Select(r => r.Str("status")));
        Assert.Equal(["currency", "stock"], productResults.EnumerateArray().Skip(1).Select(r => r.GetProperty("error").Str("field")));
        Assert.Equal("consent", (await customers.Json()).GetProperty("results")[1].GetProperty("error").Str("field"));
    }
}
