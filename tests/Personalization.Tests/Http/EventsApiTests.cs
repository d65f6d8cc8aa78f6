using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Http;

/// <summary>POST /v1/events through the real host: per-event outcomes, whole-request problems, and no state change on bad input.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventsApiTests(ApiHost host)
{
    private readonly HttpClient _ingest = host.Ingest();
    private readonly HttpClient _storefront = host.Storefront();

    private async Task<JsonElement> ProductView(string productId) =>
        await (await _storefront.GetAsync($"/v1/products/{productId}")).Json();

    private static long Count(JsonElement view) => view.GetProperty("eventCounts").EnumerateObject().Sum(p => p.Value.GetInt64());

    [Fact]
    public async Task A_bad_event_is_reported_and_does_not_block_the_good_ones()
    {
        var product = TestEvents.Unique("p");
        var good = TestEvents.Viewed(TestEvents.Unique("c"), product);
        var bad = TestEvents.Viewed(TestEvents.Unique("c"), product);
        bad["properties"]!["price"] = -5;

        var response = await _ingest.PostJson("/v1/events", new JsonArray(good, bad));
        var body = await response.Json();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var rejected = body.GetProperty("results")[1];
        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("urn:personalization:problem:out-of-range", rejected.GetProperty("error").Str("type"));
        Assert.Equal("properties.price", rejected.GetProperty("error").Str("field"));

        var view = await Eventually.Matches(() => ProductView(product), v => Count(v) >= 1);
        Assert.Equal(1, Count(view));
    }

    [Fact]
    public async Task Ndjson_bodies_are_accepted_line_by_line()
    {
        var product = TestEvents.Unique("p");
        var lines = string.Join("\n", TestEvents.Viewed("c1", product).ToJsonString(), "{not json", TestEvents.Added("c1", product).ToJsonString());

        var response = await _ingest.PostRaw("/v1/events", lines, "application/x-ndjson");
        var body = await response.Json();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal("urn:personalization:problem:not-json", body.GetProperty("results")[1].GetProperty("error").Str("type"));
        Assert.Contains("Line 2", body.GetProperty("results")[1].GetProperty("error").Str("detail"));
    }

    [Fact]
    public async Task Duplicate_message_ids_are_applied_once()
    {
        var product = TestEvents.Unique("p");
        var evt = TestEvents.Viewed(TestEvents.Unique("c"), product);

        await _ingest.PostJson("/v1/events", new JsonArray(evt.DeepClone(), evt.DeepClone()));
        await _ingest.PostJson("/v1/events", new JsonArray(evt.DeepClone()));
        var marker = TestEvents.Added("other", product);
        await _ingest.PostJson("/v1/events", new JsonArray(marker));

        // Once the later event is in, the earlier ones have been applied (same stream, in order).
        var view = await Eventually.Matches(() => ProductView(product), v => v.GetProperty("eventCounts").TryGetProperty("Product Added", out _));
        Assert.Equal(1, view.GetProperty("eventCounts").GetProperty("Product Viewed").GetInt64());
    }

    [Theory]
    [InlineData("[{\"event\":", "not-json", HttpStatusCode.BadRequest)]
    [InlineData("[]", "empty-batch", HttpStatusCode.BadRequest)]
    [InlineData("   ", "empty-batch", HttpStatusCode.BadRequest)]
    [InlineData("[1, \"two\"]", "all-rejected", HttpStatusCode.UnprocessableEntity)]
    public async Task Whole_request_problems_are_rfc9457_with_a_stable_type(string body, string code, HttpStatusCode status)
    {
        var response = await _ingest.PostRaw("/v1/events", body);
        var problem = await response.Json();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("urn:personalization:problem:" + code, problem.Str("type"));
        Assert.False(string.IsNullOrEmpty(problem.Str("detail")));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_and_changes_nothing()
    {
        var product = TestEvents.Unique("p");
        var evt = TestEvents.Viewed("c1", product);
        evt["properties"]!["padding"] = new string('x', 70_000);

        var response = await _ingest.PostJson("/v1/events", new JsonArray(evt));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("urn:personalization:problem:body-too-large", (await response.Json()).Str("type"));
        Assert.Equal(0, Count(await ProductView(product)));
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        var product = TestEvents.Unique("p");
        var batch = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => (JsonNode)TestEvents.Viewed("c1", product))]);

        var response = await _ingest.PostJson("/v1/events", batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:personalization:problem:batch-too-large", (await response.Json()).Str("type"));
        Assert.Equal(0, Count(await ProductView(product)));
    }

    [Fact]
    public async Task Rejected_events_leave_no_trace_in_state()
    {
        var product = TestEvents.Unique("p");
        var events = new JsonArray(
            Mutate(TestEvents.Viewed("c1", product), e => e["timestamp"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O")),
            Mutate(TestEvents.Viewed("c1", product), e => e["event"] = "Product Teleported"),
            Mutate(TestEvents.Added("c1", product), e => e["properties"]!["quantity"] = 1_000_000),
            Mutate(TestEvents.Viewed("c1", product), e => e["userId"] = 12345),
            Mutate(TestEvents.Viewed("c1", product), e => e.Remove("messageId")));

        var response = await _ingest.PostJson("/v1/events", events);
        var body = await response.Json();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var codes = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("error").Str("type")["urn:personalization:problem:".Length..]);
        Assert.Equal(["timestamp-in-future", "unknown-event", "out-of-range", "wrong-type", "missing-field"], codes);
        Assert.Equal(0, Count(await ProductView(product)));
    }

    private static JsonObject Mutate(JsonObject evt, Action<JsonObject> change)
    {
        change(evt);
        return evt;
    }
}
