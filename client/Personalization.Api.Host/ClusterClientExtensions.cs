using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using Personalization.Api.Cluster;
using Personalization.Streams;

namespace Personalization.Api.Host;

/// <summary>The Orleans client of the standalone API: clustering and event streams from configuration.</summary>
public static class ClusterClientExtensions
{
    /// <summary>Must match the silos' in-memory stream partitioning (SiloConfiguration.MemoryStreamQueues).</summary>
    public const int MemoryStreamQueues = 8;

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
            orleans.AddEventStreams(configuration);
        });
        return builder;
    }

    /// <summary>
    /// The producer side of the event streams; the provider must be the one the silos run
    /// (<c>Streams:Provider</c>, default <c>memory</c>). Durable providers plug in here.
    /// </summary>
    private static void AddEventStreams(this IClientBuilder orleans, IConfiguration configuration)
    {
        var provider = configuration["Streams:Provider"] ?? "memory";
        if (!provider.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Streams:Provider '{provider}' is not supported by the standalone API yet; use 'memory' (the silos' default).");
        }

        orleans.AddMemoryStreams(EventStreams.ProviderName, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePartitioning(MemoryStreamQueues);
        });
    }
}
