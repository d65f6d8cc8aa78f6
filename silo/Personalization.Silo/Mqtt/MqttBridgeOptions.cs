namespace Personalization.Silo.Mqtt;

/// <summary>The store-IoT bridge from an MQTT broker to the event log; configuration section <c>Mqtt</c>.</summary>
public sealed class MqttBridgeOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Off by default; needs Streaming:Provider nats or kafka (the bridge writes to the log).</summary>
    public bool Enabled { get; set; }

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public bool UseTls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Stable client id: the broker keeps this session's subscriptions and unacknowledged messages while the bridge is away.</summary>
    public string ClientId { get; set; } = "personalization-bridge";

    /// <summary>How long the broker keeps the session (and queues QoS 1 messages) while the bridge is disconnected.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Topic filters subscribed with QoS 1; topics must be <c>stores/{storeId}/beacons</c> or <c>stores/{storeId}/shelves</c>.</summary>
    public List<string> TopicFilters { get; set; } = ["stores/+/beacons", "stores/+/shelves"];

    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return "Mqtt:Host is required when Mqtt:Enabled is true.";
        if (Port is < 1 or > 65535) yield return $"Mqtt:Port must be a TCP port; got {Port}.";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return "Mqtt:ClientId is required: the persistent session is keyed by it.";
        if (TopicFilters.Count == 0) yield return "Mqtt:TopicFilters needs at least one filter, such as stores/+/beacons.";
    }
}
