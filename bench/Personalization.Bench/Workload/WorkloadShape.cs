namespace Personalization.Bench.Workload;

/// <summary>The size of one generated workload. Same shape and seed give the same events, byte for byte.</summary>
public sealed record WorkloadShape(int Products, int Customers, int Events, int Seed)
{
    /// <summary>Share of sessions by shoppers who are not logged in (anonymousId only).</summary>
    public const double AnonymousShare = 0.15;

    /// <summary>Sessions open at once; a session's events are spread among the others'.</summary>
    public const int ConcurrentSessions = 2000;

    public const int Stores = 50;
    public const int TopCategories = 20;
    public const int CategoriesPerTop = 10;
    public const int Brands = 500;
    public const double PopularityExponent = 1.0;

    public override string ToString() => $"{Products:N0} products, {Customers:N0} customers, {Events:N0} events, seed {Seed}";
}
