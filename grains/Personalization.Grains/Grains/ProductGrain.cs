using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Features;
using Personalization.Messaging;
using Personalization.Persistence;
using Personalization.Queries;
using Personalization.Streams;

namespace Personalization.Grains;

[ImplicitStreamSubscription(EventStreams.Products)]
public sealed class ProductGrain(
    [PersistentState("product-record", StorageNames.Records)] IPersistentState<ProductRecordState> record,
    [PersistentState("product-behaviour", StorageNames.Snapshots)] IPersistentState<ProductBehaviour> behaviour,
    IOptions<RankingOptions> ranking,
    IOptions<SnapshotOptions> snapshots,
    TrendingReporter trending,
    IFeatureSnapshotSink features,
    ILogger<ProductGrain> logger)
    : Grain, IProductGrain, ICheckpointedGrain, IStreamSubscriptionObserver, IAsyncObserver<ShopperEvent>
{
    private readonly WriteBehindState<ProductBehaviour> _product = new(behaviour, logger);

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _product.State.Record = record.State.Record;
        _product.StartFlushing(this, snapshots.Value.FlushInterval, DelayDeactivation, HandOverFeatures);
        return Task.CompletedTask;
    }

    private void HandOverFeatures() => features.Add(ProductFeatureSnapshot.Of(Id, _product.State, ranking.Value));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _product.FlushAsync(cancellationToken);

    async Task IProductGrain.UpsertCatalog(ProductRecord update)
    {
        if (record.State.Record == update) return;
        record.State.Record = update;
        await record.WriteStateAsync();
        _product.State.Record = update;
    }

    Task IProductGrain.AddCoOccurrences(ImmutableArray<CoOccurrence> signals)
    {
        var options = ranking.Value;
        foreach (var signal in signals)
        {
            if (signal.ProductId != Id) _product.State.CoOccurrence.Add(signal, options.CoOccurrenceHalfLife, options.NeighbourCapacity);
        }

        _product.MarkDirty();
        return Task.CompletedTask;
    }

    Task IProductGrain.SetContentNeighbours(ImmutableArray<Neighbour> neighbours)
    {
        _product.State.ContentNeighbours = neighbours;
        _product.MarkDirty();
        return Task.CompletedTask;
    }

    Task<ProductCard> IProductGrain.GetCard() => Task.FromResult(_product.State.Card(Id));

    Task<ProductNeighbours> IProductGrain.GetNeighbours(int limit) =>
        Task.FromResult(_product.State.Neighbours(Id, limit, ranking.Value));

    Task<ProductView> IProductGrain.GetView()
    {
        var state = _product.State;
        var popularity = state.LastEventAt is { } last ? state.Popularity.ValueAt(last, ranking.Value.PopularityHalfLife) : 0;
        return Task.FromResult(new ProductView(state.Card(Id), state.Record, state.Counters.ByName(), state.UnitsSold, popularity, state.LastEventAt));
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<ShopperEvent>().ResumeAsync(this);

    public Task OnNextAsync(ShopperEvent item, StreamSequenceToken? token = null)
    {
        // A replay of an event already applied (after a crash) changes nothing; a new position must be saved.
        if (!_product.State.Positions.TryRecord(token)) return Task.CompletedTask;
        if (token is LogPositionToken) _product.MarkDirty();
        var options = ranking.Value;
        if (!_product.State.Apply(Id, item, options)) return Task.CompletedTask;
        _product.MarkDirty();
        trending.Report(_product.State.TrendingReports(Id, item.StoreId, options));
        return Task.CompletedTask;
    }

    Task<FlushOutcome> ICheckpointedGrain.FlushThrough(AppliedCheck check) => _product.FlushThroughAsync(check);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

[GenerateSerializer]
public sealed class ProductRecordState
{
    [Id(0)] public ProductRecord? Record { get; set; }
}
