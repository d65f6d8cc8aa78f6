using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Domain;
using Personalization.Persistence;

namespace Personalization.Grains;

public sealed class TrendingGrain(
    [PersistentState("trending", StorageNames.Snapshots)] IPersistentState<TrendingBoard> state,
    IOptions<RankingOptions> ranking,
    IOptions<SnapshotOptions> snapshots,
    ILogger<TrendingGrain> logger)
    : Grain, ITrendingGrain
{
    private readonly WriteBehindState<TrendingBoard> _board = new(state, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _board.StartFlushing(this, snapshots.Value.FlushInterval, DelayDeactivation);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _board.FlushAsync(cancellationToken);

    Task ITrendingGrain.Report(ImmutableArray<TrendingEntry> entries)
    {
        foreach (var entry in entries) _board.State.Report(entry, ranking.Value.PopularityHalfLife, ranking.Value.TrendingCapacity);
        _board.MarkDirty();
        return Task.CompletedTask;
    }

    Task<ImmutableArray<TrendingEntry>> ITrendingGrain.GetTop(int limit) =>
        Task.FromResult(_board.State.Top(limit, ranking.Value.PopularityHalfLife).ToImmutableArray());
}
