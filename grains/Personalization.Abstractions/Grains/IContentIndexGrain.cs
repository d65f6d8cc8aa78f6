using System.Collections.Immutable;
using Personalization.Catalog;

namespace Personalization.Grains;

/// <summary>
/// The catalogue's text index. It computes content neighbours for changed products and pushes them
/// to the product grains, so that queries never wait for it.
/// </summary>
public interface IContentIndexGrain : IGrainWithStringKey
{
    Task Index(ImmutableArray<ProductRecord> records);

    Task<int> Count();
}
