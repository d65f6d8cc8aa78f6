using System.Collections.Immutable;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Persistence;

namespace Personalization.Grains;

/// <summary>
/// Keeps the catalogue's term vectors (persisted with every indexed batch, since they can only be
/// rebuilt from a full catalogue upload) and pushes fresh content neighbours to product grains: to
/// each changed product, and to each product that gains a changed product as a new neighbour.
/// </summary>
public sealed class ContentIndexGrain(
    [PersistentState("content-index", StorageNames.Records)] IPersistentState<ContentIndexState> state)
    : Grain, IContentIndexGrain
{
    public const int NeighbourCount = 20;

    private readonly ContentIndex _index = new();
    private readonly Dictionary<string, List<Neighbour>> _lists = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (productId, vector) in state.State.Vectors) _index.Upsert(productId, vector);
        return Task.CompletedTask;
    }

    async Task IContentIndexGrain.Index(ImmutableArray<ProductRecord> records)
    {
        foreach (var record in records) _index.Upsert(record);

        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var neighbours = _index.Neighbours(record.Id, NeighbourCount);
            _lists[record.Id] = neighbours;
            changed.Add(record.Id);
            foreach (var neighbour in neighbours)
            {
                if (Offer(neighbour.ProductId, new Neighbour(record.Id, neighbour.Score, Relation.SimilarContent))) changed.Add(neighbour.ProductId);
            }
        }

        state.State.Vectors = new Dictionary<string, Dictionary<string, float>>(_index.Vectors, StringComparer.Ordinal);
        await state.WriteStateAsync();
        await Task.WhenAll(changed.Select(id => GrainFactory.GetGrain<IProductGrain>(id).SetContentNeighbours([.. ListOf(id)])));
    }

    Task<int> IContentIndexGrain.Count() => Task.FromResult(_index.Count);

    /// <summary>Puts a candidate in a product's list when it beats the weakest entry; true when the list holds it.</summary>
    private bool Offer(string productId, Neighbour candidate)
    {
        var list = ListOf(productId);
        var existing = list.FindIndex(n => n.ProductId == candidate.ProductId);
        if (existing >= 0) list.RemoveAt(existing);
        else if (list.Count >= NeighbourCount && list[^1].Score >= candidate.Score) return false;
        var position = list.FindIndex(n => n.Score < candidate.Score);
        list.Insert(position < 0 ? list.Count : position, candidate);
        if (list.Count > NeighbourCount) list.RemoveAt(list.Count - 1);
        return true;
    }

    private List<Neighbour> ListOf(string productId)
    {
        if (!_lists.TryGetValue(productId, out var list))
        {
            list = _index.Neighbours(productId, NeighbourCount);
            _lists[productId] = list;
        }

        return list;
    }
}

[GenerateSerializer]
public sealed class ContentIndexState
{
    [Id(0)] public Dictionary<string, Dictionary<string, float>> Vectors { get; set; } = new(StringComparer.Ordinal);
}
