namespace Personalization.Silo.Hosting;

/// <summary>Ports of the embedded single silo; configuration section <c>Orleans</c>.</summary>
public sealed class EmbeddedClusterOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
