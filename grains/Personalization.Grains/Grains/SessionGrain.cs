using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Messaging;
using Personalization.Persistence;
using Personalization.Streams;

namespace Personalization.Grains;

[ImplicitStreamSubscription(EventStreams.Sessions)]
public sealed class SessionGrain(
    [PersistentState("session", StorageNames.Snapshots)] IPersistentState<SessionBehaviour> state,
    IOptions<RankingOptions> ranking,
    IOptions<SnapshotOptions> snapshots,
    CoOccurrenceSender coOccurrences,
    ILogger<SessionGrain> logger)
    : Grain, ISessionGrain, ICheckpointedGrain, IStreamSubscriptionObserver, IAsyncObserver<ShopperEvent>
{
    private readonly WriteBehindState<SessionBehaviour> _session = new(state, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _session.StartFlushing(this, snapshots.Value.FlushInterval, DelayDeactivation);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _session.FlushAsync(cancellationToken);

    Task<SessionSnapshot> ISessionGrain.GetSnapshot() => Task.FromResult(_session.State.Snapshot(this.GetPrimaryKeyString()));

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<ShopperEvent>().ResumeAsync(this);

    public async Task OnNextAsync(ShopperEvent item, StreamSequenceToken? token = null)
    {
        // A replay of an event already applied (after a crash) changes nothing; a new position must be saved.
        if (!_session.State.Positions.TryRecord(token)) return;
        if (token is LogPositionToken) _session.MarkDirty();
        var before = _session.State.Counters.Total;
        var signals = _session.State.Apply(item, ranking.Value);
        if (_session.State.Counters.Total == before) return;
        _session.MarkDirty();

        // The event counts as delivered only once its neighbours know, so the next offers call sees it.
        await coOccurrences.SendAsync(signals);
    }

    Task<FlushOutcome> ICheckpointedGrain.FlushThrough(AppliedCheck check) => _session.FlushThroughAsync(check);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
