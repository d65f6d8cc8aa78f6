using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Personalization.Api.Metrics;

/// <summary>
/// The metrics listener serves the scrape endpoint and nothing else, so opening its port to a scraper never
/// opens the API. A startup filter, so it runs before every other middleware, authentication included.
/// </summary>
internal sealed class MetricsListenerGate(MetricsOptions options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var port = options.ListenerPort;
        app.Use((context, following) =>
        {
            if (context.Connection.LocalPort != port || context.Request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase)) return following(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        next(app);
    };
}
