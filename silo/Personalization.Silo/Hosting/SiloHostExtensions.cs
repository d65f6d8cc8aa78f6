using Orleans.Dashboard;
using Personalization.Api.Access;
using Personalization.Silo.Cluster;
using Personalization.Silo.Demo;

namespace Personalization.Silo.Hosting;

public static class SiloHostExtensions
{
    /// <summary>
    /// The embedded silo: localhost clustering, the Personalization configuration and the dashboard,
    /// co-hosted with the HTTP API in this process.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseConfiguredClustering(builder.Configuration);
            silo.AddPersonalization(builder.Configuration);
            silo.AddClusterRecordStorage(builder.Configuration);
            silo.AddDashboard();
        });
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.SectionName));
        builder.Services.AddHostedService<ShopperSimulator>();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>The dashboard, for admins only (browsers get a Basic prompt: any user name, the admin key as password).</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(ApiRoles.Admin);
        return app;
    }

    /// <summary>Turns the friendly <c>--demo</c> switch into the <c>Demo:Enabled</c> setting.</summary>
    public static string[] WithDemoSwitch(string[] args) =>
        [.. args.Select(a => a.Equals("--demo", StringComparison.OrdinalIgnoreCase) ? "--Demo:Enabled=true" : a)];
}
