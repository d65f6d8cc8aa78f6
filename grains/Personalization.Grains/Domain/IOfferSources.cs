using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// Where <see cref="OfferRanker"/> reads grain memory from. The offer grain answers from the
/// cluster; the evaluation's in-process replay answers from the same domain objects without one,
/// so the ranking code under test is the code that serves.
/// </summary>
public interface IOfferSources
{
    Task<ShopperSnapshot?> Customer(string customerId);

    Task<SessionSnapshot?> Session(string sessionKey);

    Task<ProductNeighbours> Neighbours(string productId, int limit);

    Task<IReadOnlyList<TrendingEntry>> Trending(string scope, int limit);

    Task<ProductCard> Card(string productId);
}
