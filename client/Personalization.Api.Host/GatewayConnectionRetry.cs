using Orleans;

namespace Personalization.Api.Host;

/// <summary>
/// Keeps trying to reach the cluster instead of failing start-up: the API may start before any silo
/// (compose, Kubernetes) and must come back on its own after every silo restarted. Waits grow to 5 s.
/// </summary>
public sealed partial class GatewayConnectionRetry(ILogger<GatewayConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempt);
        LogWaiting(logger, attempt, exception.Message);
        var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt));
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo gateway reachable yet (attempt {Attempt}: {Reason}); retrying")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}
