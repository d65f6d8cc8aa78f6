using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Personalization.Api.Access;
using Personalization.Api.Streams;

namespace Personalization.Api.Apis;

public static class StreamsApi
{
    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/admin/streams", async (IServiceProvider services, CancellationToken cancellationToken) =>
            {
                var source = services.GetService(typeof(IStreamStatusSource)) as IStreamStatusSource;
                var status = source is null
                    ? new StreamStatus("memory", null, null, 0, null, 0, 0, [])
                    : await source.GetAsync(cancellationToken);
                return TypedResults.Ok(status);
            })
            .RequireAuthorization(ApiRoles.Admin)
            .WithTags("Operations")
            .WithSummary("The ingestion log: provider, and per partition the committed offset and the lag behind it, and the dead letters retained.")
            .Produces<StreamStatus>();
        return app;
    }
}
