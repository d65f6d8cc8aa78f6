using Microsoft.Extensions.Options;
using Personalization.Features;
using Personalization.Silo.Storage;

namespace Personalization.Silo.Lake.Features;

/// <summary>
/// Receives the feature rows grains hand over after each flush and writes them to the lake as Parquet,
/// per table, once a table holds <see cref="FeatureSnapshotOptions.MaxBatchRows"/> rows or its oldest row
/// waited <see cref="FeatureSnapshotOptions.MaxBatchAge"/>: a few PUTs per batch, never one per flush.
/// A failed write keeps its rows and is retried with backoff; memory stays bounded
/// (<see cref="PendingFeatureRows{TRow}"/>), and a grain never waits for any of it.
/// </summary>
/// <remarks>
/// A silo lifecycle participant rather than a hosted service: it stops after the grains were deactivated
/// on shutdown, so the rows their last flushes hand over are written too.
/// </remarks>
public sealed partial class FeatureSnapshotWriter : IFeatureSnapshotSink, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ILakeStore _store;
    private readonly FeatureSnapshotOptions _options;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly ILogger<FeatureSnapshotWriter> _logger;
    private readonly RetryBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
    private readonly FeatureTable<CustomerFeatureRow> _customers;
    private readonly FeatureTable<ProductFeatureRow> _products;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = NewSignal();
    private Task? _loop;
    private long _filesWritten;
    private long _rowsWritten;
    private long _droppedReported;

    public FeatureSnapshotWriter(ILakeStore store, IOptions<LakeOptions> lake, IOptions<FeatureSnapshotOptions> options, TimeProvider time, ILogger<FeatureSnapshotWriter> logger)
    {
        _store = store;
        _options = options.Value;
        _prefix = lake.Value.Prefix.Trim('/');
        _time = time;
        _logger = logger;
        _customers = new(LakePartition.CustomerFeatures, new(_options.MaxBufferedRows, r => r.CustomerId), r => r.SnapshotTime);
        _products = new(LakePartition.ProductFeatures, new(_options.MaxBufferedRows, r => r.ProductId), r => r.SnapshotTime);
    }

    /// <summary>Feature files written so far by this silo.</summary>
    public long FilesWritten => Interlocked.Read(ref _filesWritten);

    /// <summary>Feature rows written so far by this silo, both tables.</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    /// <summary>Rows dropped because a table's buffer was full while the store was unreachable.</summary>
    public long RowsDropped => _customers.Pending.Dropped + _products.Pending.Dropped;

    public void Add(CustomerFeatureSnapshot snapshot) => Enqueue(_customers, CustomerFeatureRow.From(snapshot, _time.GetUtcNow()));

    public void Add(ProductFeatureSnapshot snapshot) => Enqueue(_products, ProductFeatureRow.From(snapshot, _time.GetUtcNow()));

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FeatureSnapshotWriter), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    private void Enqueue<TRow>(FeatureTable<TRow> table, TRow row)
    {
        if (!table.Pending.Add(row, _time.GetUtcNow())) return;
        if (table.Pending.Count < _options.MaxBatchRows) return;
        lock (_gate) _wake.TrySetResult();
    }

    /// <summary>Starts the write loop; the silo lifecycle calls it (tests may call it directly).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop and writes every pending row once; the silo calls it after the grains were deactivated.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop) await loop;

        // The grains flushed during deactivation; write what they handed over, once, within the shutdown's time.
        try
        {
            var written = await WriteAsync(_customers, everything: true, cancellationToken) & await WriteAsync(_products, everything: true, cancellationToken);
            if (written) return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: counted below.
        }

        LogRowsLostOnShutdown(_customers.Pending.Count + _products.Pending.Count);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitUntilDueAsync(stoppingToken);
                var written = await WriteAsync(_customers, everything: false, stoppingToken) & await WriteAsync(_products, everything: false, stoppingToken);
                ReportDrops();
                if (written)
                {
                    failures = 0;
                }
                else
                {
                    await Task.Delay(_backoff.DelayBefore(++failures), _time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    private async Task WaitUntilDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before looking at the tables, so a row added in between still wakes the wait.
            Task wake;
            lock (_gate)
            {
                if (_wake.Task.IsCompleted) _wake = NewSignal();
                wake = _wake.Task;
            }

            var wait = Min(TimeUntilDue(_customers), TimeUntilDue(_products)) ?? _options.MaxBatchAge;
            if (wait <= TimeSpan.Zero) return;

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(wake, Task.Delay(wait, _time, timeout.Token));
            await timeout.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Zero when the table's batch is full or old enough; null when nothing is pending.</summary>
    private TimeSpan? TimeUntilDue<TRow>(FeatureTable<TRow> table)
    {
        if (table.Pending.Count >= _options.MaxBatchRows) return TimeSpan.Zero;
        return table.Pending.Oldest is { } oldest ? oldest + _options.MaxBatchAge - _time.GetUtcNow() : null;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>
    /// Writes the table's due batches (or, on shutdown, <paramref name="everything"/>), at most MaxBatchRows
    /// per file; false when a write failed. Rows that arrive meanwhile wait for their own bound, so a busy
    /// silo does not trail each batch with a tiny file.
    /// </summary>
    private async Task<bool> WriteAsync<TRow>(FeatureTable<TRow> table, bool everything, CancellationToken cancellationToken)
        where TRow : new()
    {
        while (table.Pending.Oldest is { } pendingSince && (everything || TimeUntilDue(table) <= TimeSpan.Zero))
        {
            var batch = table.Pending.Take(_options.MaxBatchRows);
            var failed = new List<TRow>();
            foreach (var partition in batch.GroupBy(table.PartitionOf))
            {
                var rows = partition.ToList();
                try
                {
                    var key = partition.Key.FileKey(_prefix, _time.GetUtcNow());
                    await _store.WriteAsync(key, await ParquetLakeFile.EncodeAsync(rows, cancellationToken), cancellationToken);
                    Interlocked.Increment(ref _filesWritten);
                    Interlocked.Add(ref _rowsWritten, rows.Count);
                    LogFileWritten(rows.Count, _store.Describe(key));
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogWriteFailed(exception, rows.Count, table.Name);
                    failed.AddRange(rows);
                }
                catch (OperationCanceledException)
                {
                    // Stopping mid-write: keep the rows for the final write.
                    failed.AddRange(rows);
                    table.Pending.Restore(failed, pendingSince);
                    throw;
                }
            }

            if (failed.Count > 0)
            {
                table.Pending.Restore(failed, pendingSince);
                return false;
            }
        }

        return true;
    }

    private void ReportDrops()
    {
        var dropped = RowsDropped;
        if (dropped == _droppedReported) return;
        LogRowsDropped(dropped - _droppedReported, _options.MaxBufferedRows);
        _droppedReported = dropped;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lake: wrote {Rows} feature rows to {Location}")]
    private partial void LogFileWritten(int rows, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lake: writing {Rows} rows of {Table} failed; they stay buffered and are retried")]
    private partial void LogWriteFailed(Exception exception, int rows, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lake: {Rows} feature rows were dropped: a table's buffer (Lake:FeatureSnapshots:MaxBufferedRows = {Capacity}) was full; those grains' next flushes hand new rows")]
    private partial void LogRowsDropped(long rows, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lake: {Rows} buffered feature rows could not be written before shutdown")]
    private partial void LogRowsLostOnShutdown(int rows);
}
