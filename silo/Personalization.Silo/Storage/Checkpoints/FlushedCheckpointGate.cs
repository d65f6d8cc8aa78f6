using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Personalization.Grains;
using Personalization.Persistence;
using Personalization.Silo.Streams.Log;
using Personalization.Streams;

namespace Personalization.Silo.Storage.Checkpoints;

/// <summary>
/// The commit rule of exactly-once (docs/durability.md): a partition's offset may pass an event only when
/// every grain it went to holds it in a stored snapshot. Once per flush interval a background check asks
/// each grain the partition fed since the last check to flush and confirm; the receiver never waits for
/// it. A grain that lacks events it was delivered (its silo died before it flushed) makes this silo's
/// pulling agents restart from the committed offsets, so the lost events are replayed; grains skip the
/// ones they already hold (<see cref="AppliedPositions"/>).
/// </summary>
public sealed partial class FlushedCheckpointGate(
    IGrainFactory grains,
    PullingAgentRestart restart,
    IOptions<SnapshotOptions> snapshots,
    TimeProvider clock,
    ILogger<FlushedCheckpointGate> logger) : ICheckpointGate
{
    /// <summary>Grains are asked in parallel, but not all at once: a partition may have fed thousands.</summary>
    private const int ParallelChecks = 64;

    /// <summary>A grain that does not answer in time (its silo is down) counts as not persisted.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, RoutedLedger> _ledgers = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _lastCheck = new();

    public void Started(int partition, long committedNextOffset) => _ledgers[partition] = new RoutedLedger(partition, committedNextOffset);

    public void Routed(int partition, long offset, IReadOnlyList<StreamId> streams)
    {
        if (_ledgers.TryGetValue(partition, out var ledger)) ledger.Route(offset, streams);
    }

    public ValueTask<long> MayCommitAsync(int partition, long committedNextOffset, long deliveredNextOffset, CancellationToken cancellationToken)
    {
        if (!_ledgers.TryGetValue(partition, out var ledger)) return ValueTask.FromResult(committedNextOffset);

        var now = clock.GetUtcNow();
        if (now - _lastCheck.GetValueOrDefault(partition) >= snapshots.Value.FlushInterval && ledger.TryPlan(committedNextOffset, deliveredNextOffset) is { } plan)
        {
            _lastCheck[partition] = now;
            _ = Task.Run(() => CheckAsync(ledger, plan), CancellationToken.None);
        }

        return ValueTask.FromResult(Math.Clamp(ledger.VerifiedNextOffset, committedNextOffset, deliveredNextOffset));
    }

    private async Task CheckAsync(RoutedLedger ledger, CheckPlan plan)
    {
        var notPersisted = new ConcurrentDictionary<StreamId, FlushOutcome>();
        try
        {
            await Parallel.ForEachAsync(plan.Checks, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks }, async (check, _) =>
            {
                var outcome = await AskAsync(check);
                if (outcome != FlushOutcome.Persisted) notPersisted[check.Stream] = outcome;
            });
        }
        finally
        {
            ledger.Complete(plan, [.. notPersisted.Keys]);
        }

        var missing = notPersisted.Count(p => p.Value == FlushOutcome.Missing);
        if (missing > 0)
        {
            LogMissing(ledger.Partition, missing, ledger.VerifiedNextOffset);
            restart.Request();
        }
    }

    private async Task<FlushOutcome> AskAsync(StreamCheck check)
    {
        try
        {
            return await GrainOf(check.Stream).FlushThrough(check.Check).WaitAsync(CheckTimeout);
        }
        catch (Exception exception)
        {
            LogCheckFailed(exception, check.Stream);
            return FlushOutcome.NotPersisted;
        }
    }

    /// <summary>The grain behind an event stream: its implicit subscriber, keyed by the stream key.</summary>
    private ICheckpointedGrain GrainOf(StreamId stream)
    {
        var key = stream.GetKeyAsString();
        var grainClass = stream.GetNamespace() switch
        {
            EventStreams.Customers => typeof(CustomerGrain),
            EventStreams.Sessions => typeof(SessionGrain),
            EventStreams.Products => typeof(ProductGrain),
            var other => throw new InvalidOperationException($"No grain applies events of stream namespace '{other}'."),
        };
        return grains.GetGrain<ICheckpointedGrain>(key, grainClass.FullName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: {Grains} grains lack events they were delivered (their silo died before they flushed); replaying from offset {Offset}.")]
    private partial void LogMissing(int partition, int grains, long offset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checkpoint check of {Stream} failed; its events stay uncommitted.")]
    private partial void LogCheckFailed(Exception exception, StreamId stream);
}
