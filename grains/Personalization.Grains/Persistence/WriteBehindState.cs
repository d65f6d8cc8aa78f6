using Microsoft.Extensions.Logging;

namespace Personalization.Persistence;

/// <summary>
/// Hot state kept in grain memory and written behind: changes only mark it dirty; a grain timer and
/// deactivation write it. A failed write leaves it dirty, so the next flush retries; the grain keeps
/// serving from memory meanwhile.
/// </summary>
public sealed partial class WriteBehindState<T>(IPersistentState<T> storage, ILogger logger)
{
    private bool _dirty;

    public T State => storage.State;

    public bool IsDirty => _dirty;

    public void MarkDirty() => _dirty = true;

    /// <summary>Registers the periodic flush on the grain's timer.</summary>
    public void StartFlushing(Grain grain, TimeSpan interval) =>
        grain.RegisterGrainTimer(static (self, ct) => self.FlushAsync(ct), this, new GrainTimerCreationOptions(interval, interval));

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!_dirty) return;
        _dirty = false;
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            _dirty = true;
            LogFlushFailed(logger, exception, typeof(T).Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the {StateType} snapshot failed; it stays dirty and is retried on the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string stateType);
}
