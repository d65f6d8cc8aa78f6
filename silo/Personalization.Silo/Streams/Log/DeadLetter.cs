using System.Text.Json.Serialization;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// An event that could not be applied, with why and where it came from, so an operator can fix and replay it.
/// Written as JSON to the dead-letter topic/subject; <see cref="Payload"/> is the original record text.
/// </summary>
public sealed record DeadLetter(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("partition")] int? Partition,
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>
    /// Names the source record ("log:2:31"), so that the same record dead-lettered again after a replay
    /// (a partition handed to another silo re-reads from its committed offset) is recognised as the same
    /// letter; null when the source has no position (MQTT).
    /// </summary>
    [JsonIgnore]
    public string? SourceRecordId => Partition is { } partition && Offset is { } offset ? $"{Source}:{partition}:{offset}" : null;
}

/// <summary>Stable reason codes of dead letters (besides the validator's own error codes, which are used as they are).</summary>
public static class DeadLetterReasons
{
    /// <summary>The record is not JSON at all.</summary>
    public const string NotJson = "not-json";

    /// <summary>A grain kept failing on the event until the delivery time ran out.</summary>
    public const string DeliveryFailed = "delivery-failed";

    /// <summary>An MQTT payload that does not map to an event.</summary>
    public const string BadDevicePayload = "bad-device-payload";
}

/// <summary>Where a dead letter came from.</summary>
public static class DeadLetterSources
{
    public const string Log = "log";
    public const string Mqtt = "mqtt";
}
