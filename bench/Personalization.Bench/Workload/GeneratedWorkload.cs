using Personalization.Catalog;
using Personalization.Events;

namespace Personalization.Bench.Workload;

/// <summary>
/// One generated workload, identical for every system: the catalogue, the event log in acceptance
/// order, and what the queries ask about (each customer's latest session, products by popularity).
/// </summary>
public sealed class GeneratedWorkload(
    WorkloadShape shape,
    ProductRecord[] products,
    ShopperEvent[] events,
    string[] customers,
    Dictionary<string, string> lastSession,
    Zipf popularity,
    DateTimeOffset baseTime,
    DateTimeOffset endTime)
{
    public WorkloadShape Shape => shape;
    public ProductRecord[] Products => products;
    public ShopperEvent[] Events => events;

    /// <summary>Every customer with at least one event (the active customers).</summary>
    public string[] Customers => customers;

    /// <summary>The session in which each customer was last seen.</summary>
    public IReadOnlyDictionary<string, string> LastSession => lastSession;

    public Zipf Popularity => popularity;

    /// <summary>Event time of the first event; the Redis baseline's forward-decay epoch.</summary>
    public DateTimeOffset BaseTime => baseTime;

    /// <summary>Event time just after the last event; probes are stamped after it.</summary>
    public DateTimeOffset EndTime => endTime;

    public string ProductId(int rank) => products[rank].Id;

    /// <summary>Events each customer, session and product grain receives from a slice of the log.</summary>
    public static ExpectedCounts Count(ReadOnlySpan<ShopperEvent> slice)
    {
        var counts = new ExpectedCounts();
        foreach (var evt in slice) counts.Add(evt);
        return counts;
    }
}

/// <summary>How many events each stream receives: the "applied" check compares grain counters with these.</summary>
public sealed class ExpectedCounts
{
    public Dictionary<string, long> Customers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Sessions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Products { get; } = new(StringComparer.Ordinal);

    public void Add(ShopperEvent evt)
    {
        if (evt.UserId is { } user) Increment(Customers, user);
        if (evt.SessionKey is { } session) Increment(Sessions, session);
        foreach (var id in evt.ProductLines().Select(l => l.ProductId).Distinct(StringComparer.Ordinal)) Increment(Products, id);
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
