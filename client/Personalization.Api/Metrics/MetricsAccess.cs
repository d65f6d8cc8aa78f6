using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Personalization.Api.Access;

namespace Personalization.Api.Metrics;

/// <summary>
/// Who may scrape. Prometheus sends no API key, and the admin key (which reads personal data) is too much to
/// hand a scraper; metrics hold no personal data but do describe the system. So a scrape needs no key where
/// only an operator's tooling can reach: the dedicated metrics listener (<see cref="MetricsOptions.Url"/>,
/// kept off every public Service) and, unless turned off, a loopback connection. Anywhere else: the admin key.
/// </summary>
public static class MetricsAccess
{
    public enum Decision
    {
        Allowed,
        NeedsKey,
        Forbidden,
    }

    public static Decision Decide(MetricsOptions options, ConnectionInfo connection, ClaimsPrincipal user)
    {
        if (options.ListenerPort is { } port && connection.LocalPort == port) return Decision.Allowed;
        if (options.AllowLoopback && IsLoopback(connection.RemoteIpAddress)) return Decision.Allowed;
        if (user.IsInRole(ApiRoles.Admin)) return Decision.Allowed;
        return user.Identity?.IsAuthenticated == true ? Decision.Forbidden : Decision.NeedsKey;
    }

    /// <summary>Runs ahead of the exporter in its branch; answers 401 or 403 as every other endpoint does.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Middleware(MetricsOptions options) => (context, next) =>
        Decide(options, context.Connection, context.User) switch
        {
            Decision.Allowed => next(context),
            Decision.Forbidden => context.ForbidAsync(),
            _ => context.ChallengeAsync(),
        };

    // No address means an in-process connection (test servers), as the development-key rule treats it.
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
