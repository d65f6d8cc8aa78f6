namespace Personalization.Events;

/// <summary>The events the cluster understands. Names on the wire are in <see cref="EventNames"/>.</summary>
public enum EventKind : byte
{
    ProductViewed = 1,
    ProductClicked = 2,
    ProductAdded = 3,
    ProductRemoved = 4,
    CartViewed = 5,
    CheckoutStarted = 6,
    OrderCompleted = 7,
    ProductsSearched = 8,
    ProductListViewed = 9,
    BeaconZoneEntered = 20,
    ShelfItemPickedUp = 21,
}
