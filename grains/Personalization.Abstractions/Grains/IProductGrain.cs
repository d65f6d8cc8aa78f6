using System.Collections.Immutable;
using Personalization.Catalog;
using Personalization.Queries;

namespace Personalization.Grains;

/// <summary>One product: catalogue record, popularity, and its neighbour lists.</summary>
public interface IProductGrain : IGrainWithStringKey
{
    Task UpsertCatalog(ProductRecord record);

    Task AddCoOccurrences(ImmutableArray<CoOccurrence> signals);

    Task SetContentNeighbours(ImmutableArray<Neighbour> neighbours);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<ProductCard> GetCard();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<ProductNeighbours> GetNeighbours(int limit);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<ProductView> GetView();
}
