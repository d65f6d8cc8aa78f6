using System.Collections.Immutable;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Persistence;

namespace Personalization.Grains;

/// <summary>
/// Keeps the catalogue's term vectors (persisted with every indexed batch, since they can only be
/// rebuilt from a full catalogue upload) and pushes fresh content neighbours to product grains: to
/// each changed product, and to each product that gains a changed product as a new neighbour.
/// Term weights depend on the whole catalogue (idf), so lists computed while the catalogue was much
/// smaller drift; once it has grown by half since the last full pass, every list is recomputed in the
/// background, <see cref="FullPassChunk"/> products per timer turn so catalogue upserts never wait
/// behind it (docs/quality.md has the cost), and the products whose list changed are told.
/// </summary>
public sealed class ContentIndexGrain(
    [PersistentState("content-index", StorageNames.Records)] IPersistentState<ContentIndexState> state)
    : Grain, IContentIndexGrain
{
    public const int NeighbourCount = 20;

    /// <summary>A full recompute runs when the catalogue reached this multiple of its size at the last one.</summary>
    public const double FullPassGrowth = 1.5;

    /// <summary>Products recomputed per turn of a full pass, and the pause between turns.</summary>
    public const int FullPassChunk = 500;
    public static readonly TimeSpan FullPassTick = TimeSpan.FromMilliseconds(100);

    private readonly ContentIndex _index = new();
    private readonly ContentFeaturizer _featurizer = new();
    private int _sizeAtFullPass;
    private readonly Queue<string> _fullPass = new();
    private IGrainTimer? _fullPassTimer;
    private readonly Dictionary<string, List<Neighbour>> _lists = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (productId, vector) in state.State.Vectors) _index.Upsert(productId, vector);
        _sizeAtFullPass = _index.Count;
        return Task.CompletedTask;
    }

    async Task IContentIndexGrain.Index(ImmutableArray<ProductRecord> records)
    {
        var vectors = _featurizer.Featurize(records);
        for (var i = 0; i < records.Length; i++) _index.Upsert(records[i].Id, vectors[i]);

        var changed = Update(records);
        if (_index.Count >= Math.Max(NeighbourCount, _sizeAtFullPass * FullPassGrowth)) StartFullPass();
        state.State.Vectors = new Dictionary<string, Dictionary<string, float>>(_index.Vectors, StringComparer.Ordinal);
        await state.WriteStateAsync();
        await Task.WhenAll(changed.Select(id => GrainFactory.GetGrain<IProductGrain>(id).SetContentNeighbours([.. ListOf(id)])));
    }

    Task<int> IContentIndexGrain.Count() => Task.FromResult(_index.Count);

    private void StartFullPass()
    {
        _sizeAtFullPass = _index.Count;
        _fullPass.Clear();
        foreach (var productId in _index.Vectors.Keys) _fullPass.Enqueue(productId);
        _fullPassTimer ??= this.RegisterGrainTimer(static (self, _) => self.ContinueFullPass(), this,
            new GrainTimerCreationOptions(FullPassTick, FullPassTick) { Interleave = false, KeepAlive = true });
    }

    /// <summary>One chunk of the full pass: lists afresh with the current catalogue's term weights, pushed where they changed.</summary>
    private async Task ContinueFullPass()
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < FullPassChunk && _fullPass.TryDequeue(out var productId); i++)
        {
            if (!_index.Vectors.ContainsKey(productId))
            {
                _lists.Remove(productId);
                continue;
            }

            var fresh = _index.Neighbours(productId, NeighbourCount);
            if (!_lists.TryGetValue(productId, out var old) || !old.SequenceEqual(fresh)) changed.Add(productId);
            _lists[productId] = fresh;
        }

        if (_fullPass.Count == 0)
        {
            _fullPassTimer?.Dispose();
            _fullPassTimer = null;
        }

        await Task.WhenAll(changed.Select(id => GrainFactory.GetGrain<IProductGrain>(id).SetContentNeighbours([.. ListOf(id)])));
    }

    /// <summary>The changed products' lists, and each changed product offered to its neighbours' lists.</summary>
    private HashSet<string> Update(ImmutableArray<ProductRecord> records)
    {
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

        return changed;
    }

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
