using Personalization.Events;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Events;

public sealed class EventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly EventValidator _validator = new(new EventLimits(), new FixedClock(Now));

    private EventValidation Validate(string json) => _validator.Validate(TestEvents.Parse(json));

    [Fact]
    public void A_complete_product_view_becomes_a_shopper_event()
    {
        var result = Validate("""
            {"type":"track","event":"Product Viewed","messageId":"m1","userId":"c1","anonymousId":"a1","sessionId":"s1",
             "timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1","category":"Shoes","brand":"Acme","price":12.5,"quantity":2}}
            """);

        Assert.True(result.IsAccepted);
        var evt = result.Event!;
        Assert.Equal(EventKind.ProductViewed, evt.Kind);
        Assert.Equal(("m1", "c1", "a1", "s1"), (evt.MessageId, evt.UserId, evt.AnonymousId, evt.SessionKey));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 15, 0, TimeSpan.Zero), evt.Timestamp);
        Assert.Equal(("p1", "Shoes", "Acme", 12.5m, 2), (evt.ProductId, evt.Category, evt.Brand, evt.Price, evt.Quantity));
        Assert.Equal("c1", evt.PartitionKey);
    }

    [Fact]
    public void Event_names_match_ignoring_case_and_type_defaults_to_track()
    {
        var result = Validate("""{"event":"product added","messageId":"m1","anonymousId":"a1","timestamp":"2026-12-03T10:15:00+01:00","properties":{"product_id":"p1"}}""");

        Assert.Equal(EventKind.ProductAdded, result.Event!.Kind);
        Assert.Equal("auto:a1", result.Event.SessionKey);
        Assert.Equal("a1", result.Event.PartitionKey);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 15, 0, TimeSpan.Zero), result.Event.Timestamp);
    }

    [Fact]
    public void An_order_carries_its_product_lines()
    {
        var result = Validate("""
            {"event":"Order Completed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z",
             "properties":{"order_id":"o1","products":[{"product_id":"p1","price":3,"quantity":2},{"product_id":"p2"}]}}
            """);

        var lines = result.Event!.ProductLines().ToList();
        Assert.Equal(["p1", "p2"], lines.Select(l => l.ProductId));
        Assert.Equal([2, 1], lines.Select(l => l.Quantity));
        Assert.Equal("o1", result.Event.OrderId);
    }

    [Fact]
    public void A_shelf_pickup_may_come_without_a_shopper()
    {
        var result = Validate("""{"event":"Shelf Item Picked Up","messageId":"m1","timestamp":"2026-12-03T10:15:00Z","properties":{"store_id":"S1","product_id":"p1"}}""");

        Assert.True(result.IsAccepted);
        Assert.Null(result.Event!.SessionKey);
        Assert.Equal("store:S1", result.Event.PartitionKey);
    }

    [Theory]
    [InlineData("""[1,2]""", "not-an-object", null)]
    [InlineData("""{"event":"Product Viewed","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "missing-field", "messageId")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "missing-field", "userId")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":42,"timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "wrong-type", "userId")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z"}""", "missing-field", "properties")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{}}""", "missing-field", "properties.product_id")]
    [InlineData("""{"event":"Product Exploded","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "unknown-event", "event")]
    [InlineData("""{"type":"identify","event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "unsupported-type", "type")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"yesterday","properties":{"product_id":"p1"}}""", "invalid-timestamp", "timestamp")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2027-01-01T00:00:00Z","properties":{"product_id":"p1"}}""", "timestamp-in-future", "timestamp")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"1970-01-01T00:00:00Z","properties":{"product_id":"p1"}}""", "out-of-range", "timestamp")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1","price":-1}}""", "out-of-range", "properties.price")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1","price":1e12}}""", "out-of-range", "properties.price")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1","price":"12"}}""", "wrong-type", "properties.price")]
    [InlineData("""{"event":"Product Added","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1","quantity":0}}""", "out-of-range", "properties.quantity")]
    [InlineData("""{"event":"Product Added","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1","quantity":2.5}}""", "out-of-range", "properties.quantity")]
    [InlineData("""{"event":"Order Completed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"products":[]}}""", "missing-field", "properties.products")]
    [InlineData("""{"event":"Order Completed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"products":[{"price":3}]}}""", "missing-field", "properties.products[0].product_id")]
    [InlineData("""{"event":"Products Searched","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{}}""", "missing-field", "properties.query")]
    [InlineData("""{"event":"Beacon Zone Entered","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"store_id":"S1"}}""", "missing-field", "properties.zone")]
    [InlineData("""{"event":"Product Viewed","messageId":"m1","userId":"c\u0001","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "wrong-type", "userId")]
    [InlineData("""{"event":"Product Viewed","messageId":"","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""", "missing-field", "messageId")]
    public void Bad_events_are_rejected_with_the_field_at_fault(string json, string code, string? field)
    {
        var result = Validate(json);

        Assert.False(result.IsAccepted);
        Assert.Equal(code, result.Rejection!.Code);
        Assert.Equal(field, result.Rejection.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Detail));
    }

    [Fact]
    public void Overlong_ids_are_rejected_with_the_limit_in_the_reason()
    {
        var result = Validate($$$"""{"event":"Product Viewed","messageId":"m1","userId":"{{{new string('x', 129)}}}","timestamp":"2026-12-03T10:15:00Z","properties":{"product_id":"p1"}}""");

        Assert.Equal("too-long", result.Rejection!.Code);
        Assert.Contains("128", result.Rejection.Detail);
    }

    [Fact]
    public void Too_many_products_in_one_event_are_rejected()
    {
        var lines = string.Join(",", Enumerable.Range(0, 501).Select(i => $$"""{"product_id":"p{{i}}"}"""));
        var result = Validate($$$"""{"event":"Order Completed","messageId":"m1","userId":"c1","timestamp":"2026-12-03T10:15:00Z","properties":{"products":[{{{lines}}}]}}""");

        Assert.Equal(("out-of-range", "properties.products"), (result.Rejection!.Code, result.Rejection.Field));
    }

    [Fact]
    public void The_message_id_of_a_rejected_event_is_reported_when_it_could_be_read()
    {
        var result = Validate("""{"event":"Nope","messageId":"m9","userId":"c1","timestamp":"2026-12-03T10:15:00Z"}""");

        Assert.Equal("m9", result.MessageId);
    }
}
