using System.Text.Json;
using Personalization.Api.Records;
using Personalization.Catalog;
using Personalization.Events;

namespace Personalization.Silo.Training;

/// <summary>
/// Catalogue records in the format of <c>POST /v1/catalog/products</c> (a JSON array, or NDJSON),
/// read with the API's own record reader so a file the API would accept trains the same way.
/// </summary>
public static class CatalogFile
{
    public static List<ProductRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The catalogue file '{path}' does not exist.", path);
        var bytes = File.ReadAllBytes(path);
        var limits = new EventLimits();
        var records = new List<ProductRecord>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            foreach (var item in items)
            {
                var (record, error) = ProductRecordReader.Read(item, limits);
                records.Add(record ?? throw new InvalidDataException($"'{path}', record {records.Count + 1}: {error?.Detail}"));
            }
        }

        return records;
    }
}
