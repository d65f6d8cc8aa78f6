using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Personalization.Api.Ingest;

namespace Personalization.Api.Problems;

/// <summary>
/// Turns unexpected failures into problem details: cluster trouble (a silo gone, a call timed out)
/// is 503 with advice to retry, since every write is idempotent; anything else is 500.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            await Problem.Of(bad.StatusCode, ProblemTypes.InvalidParameter, "The request is malformed.", bad.Message).ExecuteAsync(context);
            return true;
        }

        var unavailable = exception is TimeoutException or OrleansException or OperationCanceledException or EventLogUnavailableException;
        LogFailure(logger, exception, context.Request.Method, context.Request.Path);
        var result = unavailable
            ? Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "The cluster could not complete the request.",
                "A part of the cluster did not answer in time. Retry the request; writes are idempotent (events are deduplicated by messageId).")
            : Problem.Of(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "An unexpected error occurred.",
                "The error was logged. Retrying may help; if it persists, report it with the time of the request.");
        await result.ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);
}
