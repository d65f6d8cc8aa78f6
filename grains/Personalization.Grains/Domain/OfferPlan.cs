using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// What an offers query will look at, decided from the shopper's context before any neighbour or
/// trending list is fetched: the anchors (recent items to find neighbours of), the products to leave
/// out, the store, and the categories whose trending lists matter.
/// </summary>
public sealed record OfferPlan(
    OfferRequest Request,
    bool Personalized,
    IReadOnlyList<RecentItem> Anchors,
    IReadOnlySet<string> Excluded,
    string? StoreId,
    IReadOnlyList<WeightedKey> Categories,
    IReadOnlyList<WeightedKey> Brands)
{
    public const int MaxAnchors = 10;

    /// <summary>How many of the anchors (the first ones) come from the session rather than the longer history.</summary>
    public int SessionAnchors { get; init; }

    public static OfferPlan For(OfferRequest request, ShopperSnapshot? customer, SessionSnapshot? session, RankingOptions options)
    {
        var consent = customer?.Consent ?? true;
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        if (!consent)
        {
            // Opted out: nothing personal is used, only the context the request itself carries.
            return new OfferPlan(request, false, [], excluded, request.StoreId, CategoryOf(request), []);
        }

        var latest = Latest(customer, session);
        foreach (var purchase in customer?.Purchases ?? [])
        {
            if (latest - purchase.Timestamp <= options.RecentPurchaseWindow) excluded.Add(purchase.ProductId);
        }

        foreach (var id in session?.Purchased ?? []) excluded.Add(id);
        foreach (var id in session?.Cart ?? []) excluded.Add(id);
        if (request.ExcludeSeen)
        {
            // Everything the state still remembers: recent items (bounded) and the longer purchase history.
            foreach (var item in (customer?.RecentItems ?? []).Concat(session?.RecentItems ?? []).Concat(customer?.Purchases ?? [])) excluded.Add(item.ProductId);
        }

        // Session items first (what the shopper does now), then the customer's longer history.
        var sessionAnchors = (session?.RecentItems ?? []).DistinctBy(i => i.ProductId).Take(MaxAnchors).ToList();
        var anchors = sessionAnchors
            .Concat(customer?.RecentItems ?? [])
            .DistinctBy(i => i.ProductId)
            .Take(MaxAnchors)
            .ToList();

        var categories = (customer?.TopCategories ?? []).Take(3).ToList();
        if (request.Category is { } wanted && !categories.Exists(c => c.Key.Equals(wanted, StringComparison.OrdinalIgnoreCase)))
            categories.Insert(0, new WeightedKey(wanted, categories.Count > 0 ? categories[0].Weight : 1));

        var store = request.StoreId ?? session?.StoreId ?? customer?.LastStoreId ?? customer?.HomeStoreId;
        var personalized = anchors.Count > 0 || categories.Count > 0 && customer?.TopCategories.Length > 0;
        return new OfferPlan(request, personalized, anchors, excluded, store, categories, [.. customer?.TopBrands ?? []])
        {
            SessionAnchors = sessionAnchors.Count,
        };
    }

    private static List<WeightedKey> CategoryOf(OfferRequest request) =>
        request.Category is { } category ? [new WeightedKey(category, 1)] : [];

    private static DateTimeOffset Latest(ShopperSnapshot? customer, SessionSnapshot? session)
    {
        var times = (customer?.RecentItems ?? []).Concat(session?.RecentItems ?? []).Concat(customer?.Purchases ?? []).Select(i => i.Timestamp);
        return times.DefaultIfEmpty(DateTimeOffset.MinValue).Max();
    }
}
