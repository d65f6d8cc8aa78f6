using System.Net;
using Amazon.S3;
using Microsoft.Extensions.Logging;

namespace Personalization.Silo.Storage.S3;

/// <summary>
/// Runs one S3 operation with bounded retries and <see cref="RetryBackoff"/>. Transient failures
/// (no connection, timeouts, 5xx, throttling) are retried; a request S3 refuses for a reason that will
/// not change (403, 404, bad request) fails at once. The last error reaches the caller, who decides
/// what a failure means (a snapshot stays dirty, a lake batch is kept).
/// </summary>
public sealed partial class S3Retry(S3Options options, ILogger<S3Retry> logger)
{
    private readonly RetryBackoff _backoff = new(options.FirstRetryDelay, options.MaxRetryDelay);

    public async Task<T> ExecuteAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (Exception exception) when (attempt < options.MaxAttempts && IsTransient(exception, cancellationToken))
            {
                var delay = _backoff.DelayBefore(attempt);
                LogRetrying(logger, what, attempt, options.MaxAttempts, delay.TotalMilliseconds, exception.Message);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // a timeout, not our own cancellation
        AmazonS3Exception s3 => s3.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            || (int)s3.StatusCode >= 500 || s3.StatusCode == 0 || s3.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError",
        Amazon.Runtime.AmazonServiceException service => (int)service.StatusCode is >= 500 or 0,
        HttpRequestException or IOException or System.Net.Sockets.SocketException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner, cancellationToken),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "S3 {What} failed (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMs:F0} ms: {Error}")]
    private static partial void LogRetrying(ILogger logger, string what, int attempt, int maxAttempts, double delayMs, string error);
}
