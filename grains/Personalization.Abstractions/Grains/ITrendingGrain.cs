using System.Collections.Immutable;

namespace Personalization.Grains;

/// <summary>
/// The most popular products of one scope: the whole shop ("all"), a category ("category:Shoes")
/// or a store ("store:S1"). Keys are built by <see cref="TrendingScopes"/>.
/// </summary>
public interface ITrendingGrain : IGrainWithStringKey
{
    /// <summary>Products' latest scores, as the silos' trending reporters batch them.</summary>
    Task Report(ImmutableArray<TrendingEntry> entries);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<ImmutableArray<TrendingEntry>> GetTop(int limit);
}

public static class TrendingScopes
{
    public const string All = "all";

    public static string Category(string category) => "category:" + category.ToLowerInvariant();

    public static string Store(string storeId) => "store:" + storeId;
}
