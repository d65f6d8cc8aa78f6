using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Personalization.Api.Cluster;
using Personalization.Persistence;
using Personalization.Silo.Hosting;

namespace Personalization.Silo.Cluster;

/// <summary>
/// Clustering chosen by configuration: the embedded localhost silo, or a multi-silo cluster whose
/// membership, reminders and CRM/ERP records live in PostgreSQL (Orleans' ADO.NET providers, Npgsql).
/// </summary>
public static class ClusterSiloExtensions
{
    /// <summary>Membership (and reminders) for <c>Cluster:Provider</c>; ports from the <c>Orleans</c> section.</summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterHostingOptions.From(configuration);
        var endpoints = configuration.GetSection(EmbeddedClusterOptions.SectionName).Get<EmbeddedClusterOptions>() ?? new EmbeddedClusterOptions();
        if (!cluster.UsesPostgres)
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
            silo.UseInMemoryReminderService();
            return silo;
        }

        var siloOptions = configuration.GetSection(ClusterHostingOptions.SectionName).Get<SiloClusterOptions>() ?? new SiloClusterOptions();
        var connectionString = PostgresSchema.WithSearchPath(cluster.ConnectionString);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            MembershipTimings.Apply(o);
            configuration.GetSection(MembershipTimings.SectionName).Bind(o);
        });

        if (siloOptions.Kubernetes)
        {
            // Pod IP, ids and listening endpoints come from the pod (deploy/k8s/silo.yaml).
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = endpoints.SiloPort;
                o.GatewayPort = endpoints.GatewayPort;
            });
            silo.UseKubernetesHosting();
        }
        else
        {
            var address = ResolveAdvertisedAddress(siloOptions.AdvertisedAddress);
            silo.Configure<EndpointOptions>(o =>
            {
                if (address is not null) o.AdvertisedIPAddress = address;
                o.SiloPort = endpoints.SiloPort;
                o.GatewayPort = endpoints.GatewayPort;
                // Listen on every interface; advertise the one address peers use.
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, endpoints.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, endpoints.GatewayPort);
            });
        }

        return silo;
    }

    /// <summary>
    /// In a PostgreSQL cluster, CRM/ERP records (storage <c>records</c>) are written through to PostgreSQL,
    /// replacing the local/memory store registered by <c>AddPersonalization</c>; snapshots keep theirs.
    /// </summary>
    public static ISiloBuilder AddClusterRecordStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterHostingOptions.From(configuration);
        if (!cluster.UsesPostgres) return silo;

        silo.Services.RemoveAllKeyed<IGrainStorage>(StorageNames.Records);
        silo.Services.RemoveAllKeyed<ILifecycleParticipant<ISiloLifecycle>>(StorageNames.Records);
        silo.AddAdoNetGrainStorage(StorageNames.Records, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = PostgresSchema.WithSearchPath(cluster.ConnectionString);
            // Orleans' own binary serializer, as the local store uses: version-tolerant through the [Id]s of
            // the state types, where the default JSON serializer would need type names in the payload.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        return silo;
    }

    private static IPAddress? ResolveAdvertisedAddress(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IPAddress.TryParse(value, out var address)) return address;
        var resolved = Dns.GetHostAddresses(value).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        return resolved ?? throw new InvalidOperationException(
            $"Cluster:AdvertisedAddress '{value}' resolves to no IPv4 address; set an IP address or a resolvable host name.");
    }
}
