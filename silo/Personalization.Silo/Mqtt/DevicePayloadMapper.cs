using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Personalization.Events;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Mqtt;

/// <summary>
/// Maps what store devices publish (docs/iot.md) to the public event contract: topic
/// <c>stores/{storeId}/beacons</c> becomes "Beacon Zone Entered", <c>stores/{storeId}/shelves</c>
/// "Shelf Item Picked Up". A payload that already is a contract event (it has "event") passes as it is.
/// A device that sends no message_id gets one derived from topic and payload, so a redelivered MQTT
/// message maps to the same id and is not applied twice.
/// </summary>
public static class DevicePayloadMapper
{
    public readonly record struct Mapped(JsonObject? Event, string? Reason, string? Detail);

    public static Mapped Map(string topic, ReadOnlySpan<byte> payload)
    {
        var levels = topic.Split('/');
        if (levels.Length != 3 || levels[0] != "stores" || levels[1].Length == 0 || levels[2] is not ("beacons" or "shelves"))
            return Fail($"Topic '{topic}' is not stores/{{storeId}}/beacons or stores/{{storeId}}/shelves.");

        JsonObject device;
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject parsed) return Fail("The payload must be a JSON object.");
            device = parsed;
        }
        catch (JsonException exception)
        {
            return Fail($"The payload is not JSON: {exception.Message}");
        }

        if (device.ContainsKey("event")) return new Mapped(device, null, null);

        var storeId = levels[1];
        var properties = new JsonObject { ["store_id"] = storeId };
        string name;
        if (levels[2] == "beacons")
        {
            name = EventNames.NameOf(EventKind.BeaconZoneEntered);
            properties["zone"] = device["zone"]?.DeepClone();
        }
        else
        {
            name = EventNames.NameOf(EventKind.ShelfItemPickedUp);
            properties["product_id"] = device["product_id"]?.DeepClone();
            if (device["quantity"] is { } quantity) properties["quantity"] = quantity.DeepClone();
            if (device["shelf_id"] is { } shelf) properties["shelf_id"] = shelf.DeepClone();
        }

        if (device["device_id"] is { } deviceId) properties["device_id"] = deviceId.DeepClone();
        var evt = new JsonObject
        {
            ["type"] = "track",
            ["event"] = name,
            ["messageId"] = device["message_id"]?.DeepClone() ?? DerivedMessageId(topic, payload),
            ["timestamp"] = device["timestamp"]?.DeepClone(),
            ["properties"] = properties,
        };
        if (device["customer_id"] is { } customer) evt["userId"] = customer.DeepClone();
        if (device["anonymous_id"] is { } anonymous) evt["anonymousId"] = anonymous.DeepClone();
        if (device["session_id"] is { } session) evt["sessionId"] = session.DeepClone();
        return new Mapped(evt, null, null);
    }

    private static string DerivedMessageId(string topic, ReadOnlySpan<byte> payload)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(topic + "\n"));
        hash.AppendData(payload);
        return "mqtt-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    private static Mapped Fail(string detail) => new(null, DeadLetterReasons.BadDevicePayload, detail);
}
