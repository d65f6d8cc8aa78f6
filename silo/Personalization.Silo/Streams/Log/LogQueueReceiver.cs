using Orleans.Runtime;
using Orleans.Streams;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Consumes one partition of the log for the Orleans pulling agent: reads records from the committed
/// offset, hands their stream batches to the queue cache, and commits only what <see cref="PartitionProgress"/>
/// and the <see cref="ICheckpointGate"/> allow. Bad records go to dead letters and the partition keeps flowing.
/// </summary>
public sealed partial class LogQueueReceiver(
    int partition,
    ILogTransport transport,
    LogRecordDecoder decoder,
    ICheckpointGate gate,
    DeadLetterSink deadLetters,
    PartitionRegistry registry,
    StreamMetrics metrics,
    StreamingOptions options,
    TimeProvider clock,
    ILogger<LogQueueReceiver> logger,
    ILogEventSink? sink = null) : IQueueAdapterReceiver
{
    /// <summary>Stands for a dead letter not yet written: keeps its record unresolved, so the commit waits for it.</summary>
    private const string PendingDeadLetter = "dead-letter-pending";

    /// <summary>Stands for an event the <see cref="ILogEventSink"/> has not stored yet, likewise.</summary>
    private const string PendingSink = "sink-pending";

    private readonly Queue<IBatchContainer> _pending = new();
    private readonly List<(LogRecord Record, string Reason, string Detail, bool Retried)> _unwrittenDeadLetters = [];
    private ILogPartitionReader? _reader;
    private PartitionProgress _progress = new(0);
    private long _committed;
    private long _unread;
    private DateTimeOffset _lastCommit;
    private DateTimeOffset _lastLagRefresh;

    public int Partition => partition;

    public PartitionState State => new(partition, Interlocked.Read(ref _committed), _progress.SafeNextOffset, _progress.InFlight, Interlocked.Read(ref _unread));

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await transport.EnsureReadyAsync(cancellationToken);
        var committed = await transport.LoadCommittedAsync(partition, cancellationToken) ?? 0;
        _committed = committed;
        _progress = new PartitionProgress(committed);
        gate.Started(partition, committed);
        _reader = await transport.OpenReaderAsync(partition, committed, cancellationToken);
        _lastCommit = clock.GetUtcNow();
        registry.Add(partition, this);
        LogStarted(partition, committed);
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var reader = _reader ?? throw new InvalidOperationException($"Partition {partition} was read before it was initialized.");
        await RetryDeadLettersAsync(cancellationToken);
        await CommitAsync(force: false, cancellationToken);
        await RefreshLagAsync(reader, cancellationToken);

        // A record fans out to a few streams; read about half as many records as batches fit, keep any overshoot for the next call.
        var room = maxCount - _pending.Count;
        if (room > 0)
        {
            IReadOnlyList<LogRecord> records;
            try
            {
                records = await reader.ReadAsync(Math.Max(1, room / 2), cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The log is unreachable: hand out nothing this round rather than fail the pulling agent's read
                // loop, which gives up after a few retries. The reader resumes from its position when the log is back.
                LogReadFailed(exception, partition);
                records = [];
            }

            if (records.Count > 0) metrics.Read(partition, records.Count);
            foreach (var record in records) await AcceptAsync(record, cancellationToken);
        }

        var batch = new List<IBatchContainer>(Math.Min(maxCount, _pending.Count));
        while (batch.Count < maxCount && _pending.TryDequeue(out var container)) batch.Add(container);
        return batch;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>
    /// The queue cache purged these batches: every cursor passed them, so their grains applied them. Batches
    /// whose delivery failed never arrive here; <see cref="DeliveryFailedAsync"/> resolves those.
    /// </summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message is LogBatchContainer container) _progress.Resolve(container.Offset, container.StreamId);
        }

        await CommitAsync(force: false, cancellationToken);
    }

    /// <summary>A grain kept failing on one batch: dead-letter its event, then count the batch as resolved.</summary>
    public async Task DeliveryFailedAsync(StreamId streamId, StreamSequenceToken token, CancellationToken cancellationToken)
    {
        var offset = token.SequenceNumber;
        if (_progress.Find(offset) is not { } record) return;
        var detail = $"Delivery to stream {streamId} kept failing for the pulling agent's MaxEventDeliveryTime; the event's other streams were delivered.";
        try
        {
            await deadLetters.WriteAsync(DeadLetterReasons.DeliveryFailed, detail, DeadLetterSources.Log, partition, offset, record.Key, record.Payload, cancellationToken);
            _progress.Resolve(offset, streamId);
        }
        catch (Exception exception)
        {
            // Left unresolved: the partition stops committing at this record, so it is replayed rather than lost.
            LogDeadLetterFailed(exception, partition, offset);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        registry.Remove(partition, this);
        try
        {
            await CommitAsync(force: true, cancellationToken);
        }
        finally
        {
            if (_reader is not null) await _reader.DisposeAsync();
            _reader = null;
            LogStopped(partition, _committed);
        }
    }

    private async Task AcceptAsync(LogRecord record, CancellationToken cancellationToken)
    {
        var decoded = decoder.Decode(record);
        if (decoded.Event is { } evt)
        {
            var streams = decoded.Containers.Select(c => c.StreamId).ToList();
            var progress = _progress;
            progress.Track(record, sink is null ? streams : [.. streams, PendingSinkStream(record.Offset)]);
            gate.Routed(partition, record.Offset, streams);
            foreach (var container in decoded.Containers) _pending.Enqueue(container);
            if (sink is not null)
            {
                var offset = record.Offset;
                await sink.AppendAsync(evt, () => progress.Resolve(offset, PendingSinkStream(offset)), cancellationToken);
            }

            return;
        }

        _progress.Track(record, [PendingStream(record.Offset)]);
        _unwrittenDeadLetters.Add((record, decoded.Reason!, decoded.Detail!, false));
        await RetryDeadLettersAsync(cancellationToken);
    }

    private async Task RetryDeadLettersAsync(CancellationToken cancellationToken)
    {
        while (_unwrittenDeadLetters.Count > 0)
        {
            var (record, reason, detail, retried) = _unwrittenDeadLetters[0];
            try
            {
                await deadLetters.WriteAsync(reason, detail, DeadLetterSources.Log, partition, record.Offset, record.Key, record.Payload, cancellationToken, retried);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                _unwrittenDeadLetters[0] = (record, reason, detail, true);
                LogDeadLetterFailed(exception, partition, record.Offset);
                return;
            }

            _unwrittenDeadLetters.RemoveAt(0);
            _progress.Resolve(record.Offset, PendingStream(record.Offset));
        }
    }

    private static StreamId PendingStream(long offset) => StreamId.Create(PendingDeadLetter, offset);

    private static StreamId PendingSinkStream(long offset) => StreamId.Create(PendingSink, offset);

    private async Task CommitAsync(bool force, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!force && now - _lastCommit < options.CommitInterval) return;
        var committed = Interlocked.Read(ref _committed);
        var delivered = _progress.SafeNextOffset;
        if (delivered <= committed) return;

        try
        {
            var allowed = Math.Min(await gate.MayCommitAsync(partition, committed, delivered, cancellationToken), delivered);
            if (allowed <= committed) return;
            await transport.CommitAsync(partition, allowed, cancellationToken);
            Interlocked.Exchange(ref _committed, allowed);
            _lastCommit = now;
        }
        catch (Exception exception) when (!force && !cancellationToken.IsCancellationRequested)
        {
            // Nothing is lost by a late commit (a restart replays a little more); keep reading and try again next poll.
            LogCommitFailed(exception, partition);
        }
    }

    private async Task RefreshLagAsync(ILogPartitionReader reader, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _lastLagRefresh < options.LagRefreshInterval) return;
        _lastLagRefresh = now;
        try
        {
            Interlocked.Exchange(ref _unread, await reader.UnreadAsync(cancellationToken));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogLagFailed(exception, partition);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming partition {Partition} from offset {Offset}.")]
    private partial void LogStarted(int partition, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped consuming partition {Partition}; committed next offset {Offset}.")]
    private partial void LogStopped(int partition, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the dead letter of partition {Partition} offset {Offset}; commits wait until it is written.")]
    private partial void LogDeadLetterFailed(Exception exception, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read partition {Partition} from the log; retrying on the next poll.")]
    private partial void LogReadFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not commit partition {Partition}; retrying on the next poll.")]
    private partial void LogCommitFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the lag of partition {Partition}.")]
    private partial void LogLagFailed(Exception exception, int partition);
}
