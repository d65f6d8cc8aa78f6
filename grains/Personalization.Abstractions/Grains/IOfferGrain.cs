using Personalization.Queries;

namespace Personalization.Grains;

/// <summary>
/// Answers offer and similarity queries. A stateless worker: it gathers grain memory from the
/// customer, session, product and trending grains and ranks, so the stateful grains stay free.
/// </summary>
public interface IOfferGrain : IGrainWithIntegerKey
{
    Task<OfferList> GetOffers(OfferRequest request);

    Task<SimilarProductList> GetSimilar(string productId, SimilarityKind kind, int limit);
}
