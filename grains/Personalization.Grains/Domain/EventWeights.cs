using Personalization.Events;

namespace Personalization.Domain;

/// <summary>How much each kind of interaction says about interest in a product.</summary>
public static class EventWeights
{
    /// <summary>Interest strength: a purchase says more than a cart add, which says more than a view.</summary>
    public static double Strength(EventKind kind) => kind switch
    {
        EventKind.OrderCompleted => 5,
        EventKind.ProductAdded => 3,
        EventKind.ShelfItemPickedUp => 2,
        EventKind.ProductClicked => 1.5,
        EventKind.ProductViewed => 1,
        EventKind.CheckoutStarted => 1,
        EventKind.ProductRemoved => 0,
        _ => 0,
    };

    /// <summary>Does this kind of event tell us the shopper was interested in its products?</summary>
    public static bool IsInterest(EventKind kind) => Strength(kind) > 0;
}
