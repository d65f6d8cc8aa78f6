using System.Collections.Immutable;
using Personalization.Events;

namespace Personalization.Tests.Domain;

/// <summary>Validated events for domain tests, built directly (the validator has its own tests).</summary>
internal static class DomainEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static ShopperEvent Product(EventKind kind, string productId, int minute = 0, string user = "c1", string session = "s1",
        string? category = null, string? brand = null, string? store = null) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Kind = kind,
        UserId = user,
        SessionKey = session,
        Timestamp = T0.AddMinutes(minute),
        ProductId = productId,
        Category = category,
        Brand = brand,
        StoreId = store,
        Quantity = 1,
    };

    public static ShopperEvent Order(int minute, params string[] productIds) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Kind = EventKind.OrderCompleted,
        UserId = "c1",
        SessionKey = "s1",
        Timestamp = T0.AddMinutes(minute),
        Products = [.. productIds.Select(id => new LineItem(id, 10m, 2, "Cat", "Brand"))],
    };
}
