using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Personalization.Customers;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Features;
using Personalization.Persistence;
using Personalization.Streams;

namespace Personalization.Grains;

[ImplicitStreamSubscription(EventStreams.Customers)]
public sealed class CustomerGrain(
    [PersistentState("customer-profile", StorageNames.Records)] IPersistentState<CustomerProfileState> profile,
    [PersistentState("customer-behaviour", StorageNames.Snapshots)] IPersistentState<CustomerBehaviour> behaviour,
    IOptions<RankingOptions> ranking,
    IOptions<SnapshotOptions> snapshots,
    IFeatureSnapshotSink features,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, ICheckpointedGrain, IStreamSubscriptionObserver, IAsyncObserver<ShopperEvent>
{
    private readonly WriteBehindState<CustomerBehaviour> _behaviour = new(behaviour, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _behaviour.StartFlushing(this, snapshots.Value.FlushInterval, DelayDeactivation, HandOverFeatures);
        return Task.CompletedTask;
    }

    private void HandOverFeatures() =>
        features.Add(CustomerFeatureSnapshot.Of(this.GetPrimaryKeyString(), _behaviour.State, profile.State.Profile, ranking.Value));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _behaviour.FlushAsync(cancellationToken);

    async Task ICustomerGrain.UpsertProfile(CustomerProfile update)
    {
        if (profile.State.Profile == update) return;
        profile.State.Profile = update;
        await profile.WriteStateAsync();
    }

    Task<ShopperSnapshot> ICustomerGrain.GetSnapshot() =>
        Task.FromResult(_behaviour.State.Snapshot(this.GetPrimaryKeyString(), profile.State.Profile, ranking.Value));

    Task<CustomerView> ICustomerGrain.GetView()
    {
        var state = _behaviour.State;
        var options = ranking.Value;
        return Task.FromResult(new CustomerView(
            this.GetPrimaryKeyString(),
            profile.State.Profile,
            state.Counters.ByName(),
            CustomerBehaviour.TopKeys(state.CategoryAffinity, options.AffinityHalfLife),
            CustomerBehaviour.TopKeys(state.BrandAffinity, options.AffinityHalfLife),
            state.LastEventAt));
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<ShopperEvent>().ResumeAsync(this);

    public Task OnNextAsync(ShopperEvent item, StreamSequenceToken? token = null)
    {
        // A replay of an event already applied (after a crash) changes nothing; a new position must be saved.
        if (!_behaviour.State.Positions.TryRecord(token)) return Task.CompletedTask;
        if (_behaviour.State.Apply(item, ranking.Value) || token is LogPositionToken) _behaviour.MarkDirty();
        return Task.CompletedTask;
    }

    Task<FlushOutcome> ICheckpointedGrain.FlushThrough(AppliedCheck check) => _behaviour.FlushThroughAsync(check);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

[GenerateSerializer]
public sealed class CustomerProfileState
{
    [Id(0)] public CustomerProfile? Profile { get; set; }
}
