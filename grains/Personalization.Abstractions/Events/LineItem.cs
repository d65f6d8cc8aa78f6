namespace Personalization.Events;

/// <summary>One product line of an order, cart or list event.</summary>
[GenerateSerializer, Immutable]
public sealed record LineItem(
    [property: Id(0)] string ProductId,
    [property: Id(1)] decimal? Price,
    [property: Id(2)] int Quantity,
    [property: Id(3)] string? Category,
    [property: Id(4)] string? Brand);
