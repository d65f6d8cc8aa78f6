using Personalization.Domain;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Tests.Domain;

/// <summary>Grain memory as plain dictionaries, for ranking tests without a cluster.</summary>
public sealed class OfferSourcesFake : IOfferSources
{
    public Dictionary<string, ShopperSnapshot> Customers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ProductNeighbours> Neighbours { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ProductCard> Cards { get; } = new(StringComparer.Ordinal);
    public List<TrendingEntry> TrendingAll { get; } = [];

    Task<ShopperSnapshot?> IOfferSources.Customer(string customerId) => Task.FromResult(Customers.GetValueOrDefault(customerId));

    Task<SessionSnapshot?> IOfferSources.Session(string sessionKey) => Task.FromResult<SessionSnapshot?>(null);

    Task<ProductNeighbours> IOfferSources.Neighbours(string productId, int limit) =>
        Task.FromResult(Neighbours.GetValueOrDefault(productId) ?? new ProductNeighbours(productId, [], []));

    Task<IReadOnlyList<TrendingEntry>> IOfferSources.Trending(string scope, int limit) =>
        Task.FromResult<IReadOnlyList<TrendingEntry>>(scope == TrendingScopes.All ? TrendingAll : []);

    Task<ProductCard> IOfferSources.Card(string productId) =>
        Task.FromResult(Cards.GetValueOrDefault(productId) ?? new ProductCard { Id = productId });
}
