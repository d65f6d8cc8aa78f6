using Personalization.Catalog;
using Personalization.Customers;
using Personalization.Grains;

namespace Personalization.Api.Ingest;

/// <summary>
/// Applies validated catalogue and CRM records: each to its grain (written through to storage), and
/// catalogue records to the content index. Used by the bulk endpoints, the demo and evaluation loads.
/// </summary>
public sealed class RecordWriter(IGrainFactory grains)
{
    /// <summary>The one content index of the catalogue.</summary>
    public const string ContentIndexKey = "catalog";

    private const int IndexChunk = 500;
    private const int Parallelism = 32;

    public async Task UpsertProductsAsync(IEnumerable<ProductRecord> records, CancellationToken cancellationToken)
    {
        // Last record wins when a batch names a product twice.
        var latest = records.GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        await Parallel.ForEachAsync(latest, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (record, _) => await grains.GetGrain<IProductGrain>(record.Id).UpsertCatalog(record));
        var contentIndex = grains.GetGrain<IContentIndexGrain>(ContentIndexKey);
        foreach (var chunk in latest.Chunk(IndexChunk)) await contentIndex.Index([.. chunk]);
    }

    public async Task UpsertCustomersAsync(IEnumerable<CustomerProfile> profiles, CancellationToken cancellationToken)
    {
        var latest = profiles.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.Last());
        await Parallel.ForEachAsync(latest, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (profile, _) => await grains.GetGrain<ICustomerGrain>(profile.Id).UpsertProfile(profile));
    }
}
