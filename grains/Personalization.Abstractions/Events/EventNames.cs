using System.Collections.Frozen;

namespace Personalization.Events;

/// <summary>
/// Wire names follow the Segment e-commerce spec v2 ("Product Viewed", ...); store IoT events use
/// names in the same style. Matching ignores case so that "product viewed" is accepted too.
/// </summary>
public static class EventNames
{
    private static readonly (string Name, EventKind Kind)[] All =
    [
        ("Product Viewed", EventKind.ProductViewed),
        ("Product Clicked", EventKind.ProductClicked),
        ("Product Added", EventKind.ProductAdded),
        ("Product Removed", EventKind.ProductRemoved),
        ("Cart Viewed", EventKind.CartViewed),
        ("Checkout Started", EventKind.CheckoutStarted),
        ("Order Completed", EventKind.OrderCompleted),
        ("Products Searched", EventKind.ProductsSearched),
        ("Product List Viewed", EventKind.ProductListViewed),
        ("Beacon Zone Entered", EventKind.BeaconZoneEntered),
        ("Shelf Item Picked Up", EventKind.ShelfItemPickedUp),
    ];

    private static readonly FrozenDictionary<string, EventKind> ByName =
        All.ToFrozenDictionary(e => e.Name, e => e.Kind, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<EventKind, string> ByKind =
        All.ToFrozenDictionary(e => e.Kind, e => e.Name);

    public static IEnumerable<string> Known => All.Select(e => e.Name);

    public static bool TryGetKind(string name, out EventKind kind) => ByName.TryGetValue(name, out kind);

    public static string NameOf(EventKind kind) => ByKind[kind];
}
