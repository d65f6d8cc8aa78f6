using Microsoft.Extensions.Options;
using Personalization.Events;
using Personalization.Silo.Storage;

namespace Personalization.Silo.Lake;

/// <summary>
/// Buffers accepted events and writes them to the lake as Parquet files, one per event hour touched,
/// when a batch is full (<see cref="LakeOptions.MaxBatchEvents"/>) or old enough
/// (<see cref="LakeOptions.MaxBatchAge"/>): a handful of PUTs per batch, never one per event.
/// A failed write keeps its rows (in order, ahead of newer ones) and is retried with backoff;
/// when the buffer is full, <see cref="AppendAsync"/> waits, so an unreachable store slows ingestion
/// instead of exhausting memory. On shutdown the last batch is written. An event appended with a
/// <c>stored</c> callback (the log path, <see cref="LakeLogSink"/>) has it called once its file is written.
/// </summary>
public sealed partial class LakeWriter(ILakeStore store, IOptions<LakeOptions> options, TimeProvider time, ILogger<LakeWriter> logger) : BackgroundService
{
    private readonly LakeOptions _options = options.Value;
    private readonly RetryBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
    private readonly Lock _gate = new();
    private List<PendingRow> _pending = [];
    private DateTimeOffset? _oldest;
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource _drained = NewSignal();
    private long _filesWritten;
    private long _rowsWritten;

    /// <summary>Lake files written so far by this silo.</summary>
    public long FilesWritten => Interlocked.Read(ref _filesWritten);

    /// <summary>Events written to lake files so far by this silo.</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    public Task AppendAsync(IReadOnlyList<ShopperEvent> events, CancellationToken cancellationToken) =>
        AppendAsync(events, stored: null, cancellationToken);

    /// <summary>Appends one event; <paramref name="stored"/> is called once a lake file holds it.</summary>
    public Task AppendAsync(ShopperEvent evt, Action stored, CancellationToken cancellationToken) =>
        AppendAsync([evt], stored, cancellationToken);

    private async Task AppendAsync(IReadOnlyList<ShopperEvent> events, Action? stored, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        var receivedAt = time.GetUtcNow();
        while (true)
        {
            Task drained;
            lock (_gate)
            {
                if (_pending.Count < _options.MaxBufferedEvents)
                {
                    foreach (var evt in events) _pending.Add(new PendingRow(LakeEventRow.From(evt, receivedAt), stored));
                    _oldest ??= receivedAt;
                    if (_pending.Count >= _options.MaxBatchEvents) _wake.TrySetResult();
                    return;
                }

                drained = _drained.Task;
                _wake.TrySetResult();
            }

            await drained.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitForBatchAsync(stoppingToken);
                if (await WriteBatchesAsync(stoppingToken))
                {
                    failures = 0;
                }
                else
                {
                    await Task.Delay(_backoff.DelayBefore(++failures), time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the last batch is written below.
        }

        if (!await WriteBatchesAsync(CancellationToken.None))
        {
            int left;
            lock (_gate) left = _pending.Count;
            LogEventsLostOnShutdown(logger, left);
        }
    }

    private async Task WaitForBatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wake;
            TimeSpan wait;
            lock (_gate)
            {
                if (_pending.Count >= _options.MaxBatchEvents) return;
                wait = _oldest is { } oldest ? oldest + _options.MaxBatchAge - time.GetUtcNow() : _options.MaxBatchAge;
                if (wait <= TimeSpan.Zero) return;
                wake = _wake.Task;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(wake, Task.Delay(wait, time, timeout.Token));
            await timeout.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Writes everything pending, in batches of at most MaxBatchEvents; false when a write failed.</summary>
    private async Task<bool> WriteBatchesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            List<PendingRow> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _oldest = null;
                    return true;
                }

                var take = Math.Min(_pending.Count, _options.MaxBatchEvents);
                batch = _pending.GetRange(0, take);
                _pending.RemoveRange(0, take);
                _wake = NewSignal();
            }

            var failed = new List<PendingRow>();
            foreach (var group in batch.GroupBy(r => LakePartition.Of(r.Row.EventTime)))
            {
                var rows = group.ToList();
                try
                {
                    var key = group.Key.FileKey(_options.Prefix.Trim('/'), time.GetUtcNow());
                    await store.WriteAsync(key, await ParquetLakeFile.EncodeAsync([.. rows.Select(r => r.Row)], cancellationToken), cancellationToken);
                    Interlocked.Increment(ref _filesWritten);
                    Interlocked.Add(ref _rowsWritten, rows.Count);
                    LogFileWritten(logger, rows.Count, store.Describe(key));
                    foreach (var row in rows) row.Stored?.Invoke();
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogWriteFailed(logger, exception, rows.Count);
                    failed.AddRange(rows);
                }
            }

            lock (_gate)
            {
                if (failed.Count > 0)
                {
                    // Keep the failed rows ahead of newer ones, and keep the batch's age so it is retried promptly.
                    failed.AddRange(_pending);
                    _pending = failed;
                    _oldest ??= time.GetUtcNow();
                    return false;
                }

                if (_pending.Count < _options.MaxBufferedEvents)
                {
                    _drained.TrySetResult();
                    _drained = NewSignal();
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct PendingRow(LakeEventRow Row, Action? Stored);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lake: wrote {Rows} events to {Location}")]
    private static partial void LogFileWritten(ILogger logger, int rows, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lake: writing {Rows} events failed; they stay buffered and are retried")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lake: {Rows} buffered events could not be written before shutdown")]
    private static partial void LogEventsLostOnShutdown(ILogger logger, int rows);
}
