using System.Globalization;
using System.Text.Json;

namespace Personalization.Events;

/// <summary>
/// Reads typed fields out of one JSON object and records the first problem with its field path.
/// Every getter returns null once an error was recorded, so the validator reads top to bottom
/// without nested error handling and stops at the first precise reason.
/// </summary>
public sealed class JsonFieldReader(EventLimits limits)
{
    public EventRejection? Error { get; private set; }

    public bool Failed => Error is not null;

    public void Fail(string code, string? field, string detail) => Error ??= new EventRejection(code, field, detail);

    public string? String(JsonElement obj, string name, string path, bool required, int? maxLength = null)
    {
        if (Failed) return null;
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(EventErrors.MissingField, path, $"'{path}' is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' must be a string, not {Describe(value.ValueKind)}.");
            return null;
        }

        var text = value.GetString()!;
        var max = maxLength ?? limits.MaxIdLength;
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            if (required) Fail(EventErrors.MissingField, path, $"'{path}' must not be empty.");
            return null;
        }

        if (text.Length > max)
        {
            Fail(EventErrors.TooLong, path, $"'{path}' is {text.Length} characters long; the limit is {max}.");
            return null;
        }

        if (text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' contains control characters.");
            return null;
        }

        return text;
    }

    public string? Id(JsonElement obj, string name, string path, bool required) => String(obj, name, path, required, limits.MaxIdLength);

    public decimal? Price(JsonElement obj, string name, string path)
    {
        if (Failed || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' must be a number, not {Describe(value.ValueKind)}.");
            return null;
        }

        if (!value.TryGetDecimal(out var price) || price < 0 || price > limits.MaxPrice)
        {
            Fail(EventErrors.OutOfRange, path, $"'{path}' must be between 0 and {limits.MaxPrice.ToString(CultureInfo.InvariantCulture)}; got {value.GetRawText()}.");
            return null;
        }

        return price;
    }

    public int Quantity(JsonElement obj, string name, string path)
    {
        if (Failed || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return 1;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' must be an integer, not {Describe(value.ValueKind)}.");
            return 0;
        }

        if (!value.TryGetInt32(out var quantity) || quantity < 1 || quantity > limits.MaxQuantity)
        {
            Fail(EventErrors.OutOfRange, path, $"'{path}' must be an integer between 1 and {limits.MaxQuantity}; got {value.GetRawText()}.");
            return 0;
        }

        return quantity;
    }

    public JsonElement? Object(JsonElement obj, string name, string path)
    {
        if (Failed || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' must be an object, not {Describe(value.ValueKind)}.");
            return null;
        }

        return value;
    }

    public JsonElement? Array(JsonElement obj, string name, string path)
    {
        if (Failed || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' must be an array, not {Describe(value.ValueKind)}.");
            return null;
        }

        return value;
    }

    public bool? Bool(JsonElement obj, string name, string path)
    {
        if (Failed || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Fail(EventErrors.WrongType, path, $"'{path}' must be true or false, not {Describe(value.ValueKind)}.");
        return null;
    }

    public int? Count(JsonElement obj, string name, string path, int max)
    {
        if (Failed || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Fail(EventErrors.WrongType, path, $"'{path}' must be an integer, not {Describe(value.ValueKind)}.");
            return null;
        }

        if (!value.TryGetInt32(out var count) || count < 0 || count > max)
        {
            Fail(EventErrors.OutOfRange, path, $"'{path}' must be an integer between 0 and {max}; got {value.GetRawText()}.");
            return null;
        }

        return count;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
