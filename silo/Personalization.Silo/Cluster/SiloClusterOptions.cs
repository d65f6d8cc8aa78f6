namespace Personalization.Silo.Cluster;

/// <summary>Silo-only cluster settings; configuration section <c>Cluster</c> (next to <see cref="Api.Cluster.ClusterHostingOptions"/>).</summary>
public sealed class SiloClusterOptions
{
    /// <summary>
    /// The address other silos and clients reach this silo on (postgres provider). An IP address or a host
    /// name resolved at start-up. Default: empty, Orleans picks this machine's first non-loopback address.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>
    /// Run under Kubernetes (Microsoft.Orleans.Hosting.Kubernetes): the pod's IP, name, namespace and the
    /// ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID variables configure the silo, and the silos delete pods of silos
    /// the cluster declared dead. Default false.
    /// </summary>
    public bool Kubernetes { get; set; }
}
