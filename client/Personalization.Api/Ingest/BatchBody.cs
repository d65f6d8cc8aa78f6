using System.Text.Json;
using Personalization.Events;

namespace Personalization.Api.Ingest;

/// <summary>
/// The items of a batch request: JSON elements, or, for an NDJSON line that is not JSON, the reason.
/// Owns the parsed documents; dispose after use.
/// </summary>
public sealed class BatchBody(List<BatchBody.Item> items, List<JsonDocument> documents) : IDisposable
{
    public readonly record struct Item(JsonElement Element, EventRejection? ParseError);

    public IReadOnlyList<Item> Items => items;

    public void Dispose()
    {
        foreach (var document in documents) document.Dispose();
    }
}
