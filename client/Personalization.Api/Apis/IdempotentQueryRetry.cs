using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Personalization.Api.Apis;

/// <summary>
/// Retries a read-only query when the cluster fails it transiently: a silo that just died or left still
/// owns the grain in the directory, a gateway connection dropped, or a call timed out. Queries read grain
/// memory only, so running one again is safe; the next attempt is routed to a live silo once membership
/// has caught up. Writes are not retried here: the caller retries them (events dedupe by messageId).
/// </summary>
public sealed partial class IdempotentQueryRetry(ILogger<IdempotentQueryRetry> logger) : IEndpointFilter
{
    /// <summary>Waits between attempts; their sum bounds the extra latency a failing query can add (~1.5 s).</summary>
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1000)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var aborted = context.HttpContext.RequestAborted;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < Backoff.Length && !aborted.IsCancellationRequested)
            {
                LogRetry(logger, context.HttpContext.Request.Path, attempt + 1, exception.GetType().Name, exception.Message);
                await Task.Delay(Backoff[attempt], aborted);
            }
        }
    }

    public static bool IsTransient(Exception exception) => exception is OrleansException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query {Path} failed transiently (attempt {Attempt}: {Error}: {Detail}); retrying")]
    private static partial void LogRetry(ILogger logger, string path, int attempt, string error, string detail);
}
