using Microsoft.Extensions.Logging;

namespace Personalization.Persistence;

/// <summary>
/// Hot state kept in grain memory and written behind: changes only mark it dirty; a grain timer and
/// deactivation write it. A failed write leaves it dirty, so the next flush retries; the grain keeps
/// serving from memory meanwhile. Protocol and cost model: docs/durability.md.
/// </summary>
/// <remarks>
/// The flush timer interleaves with the grain's other calls: storage serializes the state before its
/// first await, and while the write is in flight (retries and backoff against a slow or failing S3
/// included) queries and events keep running. Changes made during a write mark the state dirty again,
/// so they go out with the next flush. Only one write is in flight at a time.
/// </remarks>
public sealed partial class WriteBehindState<T>(IPersistentState<T> storage, ILogger logger)
{
    private bool _dirty;
    private Task? _inFlight;
    private Action<TimeSpan>? _delayDeactivation;
    private TimeSpan _interval;
    private Action? _persisted;

    public T State => storage.State;

    public bool IsDirty => _dirty;

    public void MarkDirty() => _dirty = true;

    /// <summary>
    /// Registers the periodic flush on the grain's timer. <paramref name="delayDeactivation"/> is the
    /// grain's <c>DelayDeactivation</c>: after a failed write the grain stays active until one succeeds.
    /// <paramref name="persisted"/> runs in the grain's turn after each successful write, so once per flush,
    /// never per event: grains hand their feature rows to the lake there (docs/lake.md).
    /// </summary>
    public void StartFlushing(Grain grain, TimeSpan interval, Action<TimeSpan> delayDeactivation, Action? persisted = null)
    {
        _delayDeactivation = delayDeactivation;
        _persisted = persisted;
        _interval = interval;
        grain.RegisterGrainTimer(static (self, ct) => self.FlushAsync(ct), this,
            new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = false });
    }

    /// <summary>Writes the state if it changed since the last successful write; never throws for a storage failure.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        // A write already in flight may predate the latest changes: wait for it, then write again if dirty.
        while (_inFlight is { } running) await running;
        if (!_dirty) return;

        var write = WriteAsync(cancellationToken);
        _inFlight = write;
        try
        {
            await write;
        }
        finally
        {
            _inFlight = null;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        _dirty = false;
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            _dirty = true;
            LogFlushFailed(logger, exception, typeof(T).Name);

            // Idle collection must not drop state that only memory holds: stay active until a flush succeeds.
            if (!cancellationToken.IsCancellationRequested) _delayDeactivation?.Invoke(_interval * 3);
            return;
        }

        try
        {
            _persisted?.Invoke();
        }
        catch (Exception exception)
        {
            LogPersistedHookFailed(logger, exception, typeof(T).Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the {StateType} snapshot failed; it stays dirty and is retried on the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string stateType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {StateType} snapshot was written, but handing its feature row over failed; a later flush hands a new one")]
    private static partial void LogPersistedHookFailed(ILogger logger, Exception exception, string stateType);
}
