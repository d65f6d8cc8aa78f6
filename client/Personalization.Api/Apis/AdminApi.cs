using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using Personalization.Api.Access;
using Personalization.Grains;

namespace Personalization.Api.Apis;

public static class AdminApi
{
    public sealed record SiloInfo(string Address, string Status);

    public sealed record GrainCount(string GrainType, int Activations);

    public sealed record ClusterInfo(IReadOnlyList<SiloInfo> Silos, IReadOnlyList<GrainCount> Grains);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/admin/cluster", async (IGrainFactory grains) =>
            {
                var management = grains.GetGrain<IManagementGrain>(0);
                var hosts = await management.GetHosts(onlyActive: false);
                var stats = await management.GetSimpleGrainStatistics();
                var counts = stats
                    .GroupBy(s => s.GrainType)
                    .Select(g => new GrainCount(g.Key, g.Sum(s => s.ActivationCount)))
                    .OrderByDescending(c => c.Activations)
                    .ToList();
                return TypedResults.Ok(new ClusterInfo([.. hosts.Select(h => new SiloInfo(h.Key.ToString(), h.Value.ToString()))], counts));
            })
            .RequireAuthorization(ApiRoles.Admin)
            .WithTags("Operations")
            .WithSummary("Silos and activation counts per grain type.")
            .Produces<ClusterInfo>();

        app.MapGet("/v1/admin/model", (IGrainFactory grains) => grains.GetGrain<IRankingModelGrain>(0).GetStatus())
            .RequireAuthorization(ApiRoles.Admin)
            .WithTags("Operations")
            .WithSummary("The offer ranker the answering silo serves: heuristic or model:{version}, its source, and the last refused model.")
            .Produces<ModelStatus>();
        return app;
    }
}
