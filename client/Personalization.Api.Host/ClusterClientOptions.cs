namespace Personalization.Api.Host;

/// <summary>How the standalone API talks to the cluster; configuration section <c>ClusterClient</c>.</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "ClusterClient";

    /// <summary>
    /// How often the gateway list is re-read from PostgreSQL. A new silo takes traffic, and a dead one stops
    /// being tried, within this period. Default 5 s (Orleans' default is 1 min).
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one grain call may take before it fails with a TimeoutException (then 503). Default 10 s (Orleans: 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gateway port of the embedded silo, for the localhost provider (development). Default 30000.</summary>
    public int LocalGatewayPort { get; set; } = 30000;
}
