using System.Text.Json;
using Personalization.Catalog;
using Personalization.Events;

namespace Personalization.Api.Records;

/// <summary>Reads one catalogue record of a bulk upsert; the contract is in docs/api.md.</summary>
public static class ProductRecordReader
{
    public const int MaxDescriptionLength = 8192;
    public const int MaxCategoryDepth = 10;
    public const int MaxStock = 100_000_000;

    public static (ProductRecord? Record, EventRejection? Error) Read(JsonElement element, EventLimits limits)
    {
        var read = new JsonFieldReader(limits);
        if (element.ValueKind != JsonValueKind.Object)
            return (null, new EventRejection(EventErrors.NotAnObject, null, $"A product must be a JSON object, not {JsonFieldReader.Describe(element.ValueKind)}."));

        var id = read.Id(element, "id", "id", required: true);
        var title = read.String(element, "title", "title", required: false, limits.MaxTextLength);
        var description = read.String(element, "description", "description", required: false, MaxDescriptionLength);
        var categoryPath = ReadCategoryPath(element, read, limits);
        var brand = read.String(element, "brand", "brand", required: false, limits.MaxTextLength);
        var price = read.Price(element, "price", "price");
        var currency = read.String(element, "currency", "currency", required: false, 3);
        var stock = read.Count(element, "stock", "stock", MaxStock);
        var active = read.Bool(element, "active", "active") ?? true;
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
            read.Fail(EventErrors.WrongType, "currency", $"'currency' must be an ISO 4217 code such as EUR; got '{currency}'.");

        if (read.Failed) return (null, read.Error);
        return (new ProductRecord
        {
            Id = id!,
            Title = title,
            Description = description,
            CategoryPath = categoryPath,
            Brand = brand,
            Price = price,
            Currency = currency,
            Stock = stock,
            Active = active,
        }, null);
    }

    /// <summary>Accepts an array of levels, or one string with levels separated by " > ".</summary>
    private static List<string> ReadCategoryPath(JsonElement element, JsonFieldReader read, EventLimits limits)
    {
        if (read.Failed || !element.TryGetProperty("categoryPath", out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = read.String(element, "categoryPath", "categoryPath", required: false, limits.MaxTextLength);
            return text?.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxCategoryDepth)
        {
            read.Fail(EventErrors.WrongType, "categoryPath", $"'categoryPath' must be an array of at most {MaxCategoryDepth} strings, or a string like \"Beauty > Skin Care\".");
            return [];
        }

        var levels = new List<string>();
        foreach (var level in value.EnumerateArray())
        {
            if (level.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(level.GetString()) || level.GetString()!.Length > limits.MaxTextLength)
            {
                read.Fail(EventErrors.WrongType, "categoryPath", "Every level of 'categoryPath' must be a non-empty string.");
                return [];
            }

            levels.Add(level.GetString()!.Trim());
        }

        return levels;
    }
}
