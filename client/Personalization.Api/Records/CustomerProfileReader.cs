using System.Text.Json;
using Personalization.Customers;
using Personalization.Events;

namespace Personalization.Api.Records;

/// <summary>Reads one CRM record of a bulk upsert; the contract is in docs/api.md.</summary>
public static class CustomerProfileReader
{
    public const int MaxAttributes = 50;

    public static (CustomerProfile? Profile, EventRejection? Error) Read(JsonElement element, EventLimits limits)
    {
        var read = new JsonFieldReader(limits);
        if (element.ValueKind != JsonValueKind.Object)
            return (null, new EventRejection(EventErrors.NotAnObject, null, $"A customer must be a JSON object, not {JsonFieldReader.Describe(element.ValueKind)}."));

        var id = read.Id(element, "id", "id", required: true);
        var segment = read.String(element, "segment", "segment", required: false, limits.MaxIdLength);
        var consent = read.Bool(element, "consent", "consent");
        var storeId = read.Id(element, "storeId", "storeId", required: false);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (read.Object(element, "attributes", "attributes") is { } map)
        {
            foreach (var property in map.EnumerateObject())
            {
                var path = "attributes." + property.Name;
                if (attributes.Count == MaxAttributes) read.Fail(EventErrors.OutOfRange, "attributes", $"'attributes' may hold at most {MaxAttributes} entries.");
                else if (property.Name.Length is 0 or > 64) read.Fail(EventErrors.TooLong, path, "Attribute names must have 1 to 64 characters.");
                var value = read.String(map, property.Name, path, required: false, limits.MaxTextLength);
                if (read.Failed) break;
                if (value is not null) attributes[property.Name] = value;
            }
        }

        if (consent is null && !read.Failed)
            read.Fail(EventErrors.MissingField, "consent", "'consent' (true or false) is required: personalization needs the customer's consent on record.");
        if (read.Failed) return (null, read.Error);
        return (new CustomerProfile { Id = id!, Segment = segment, Consent = consent!.Value, StoreId = storeId, Attributes = attributes }, null);
    }
}
