using Orleans.Configuration;
using Orleans.Hosting;
using Personalization.Api.Cluster;
using Personalization.Api.Ingest;

namespace Personalization.Api.Host;

/// <summary>The Orleans client of the standalone API: clustering from configuration, ingest forwarded to the silos.</summary>
public static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var cluster = ClusterHostingOptions.From(configuration);
        var client = configuration.GetSection(ClusterClientOptions.SectionName).Get<ClusterClientOptions>() ?? new ClusterClientOptions();
        builder.UseOrleansClient(orleans =>
        {
            if (cluster.UsesPostgres)
            {
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                orleans.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresSchema.Invariant;
                    o.ConnectionString = PostgresSchema.WithSearchPath(cluster.ConnectionString);
                });
            }
            else
            {
                orleans.UseLocalhostClustering(client.LocalGatewayPort);
            }

            orleans.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = client.GatewayListRefreshPeriod);
            orleans.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = client.ResponseTimeout);
            orleans.UseConnectionRetryFilter<GatewayConnectionRetry>();
        });

        // Events go through the silos' own publisher (the log they read), not a stream provider of this process.
        builder.Services.AddSingleton<IEventPublisher, ForwardingEventPublisher>();
        return builder;
    }
}
