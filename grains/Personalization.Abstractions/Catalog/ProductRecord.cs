namespace Personalization.Catalog;

/// <summary>A catalogue (ERP) record, as upserted in bulk through <c>POST /v1/catalog/products</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string? Title { get; init; }
    [Id(2)] public string? Description { get; init; }
    /// <summary>Category path from the root, e.g. ["Beauty", "Skin Care", "Moisturizers"].</summary>
    [Id(3)] public IReadOnlyList<string> CategoryPath { get; init; } = [];
    [Id(4)] public string? Brand { get; init; }
    [Id(5)] public decimal? Price { get; init; }
    [Id(6)] public string? Currency { get; init; }
    /// <summary>Units in stock; null when the ERP does not track stock for the product.</summary>
    [Id(7)] public int? Stock { get; init; }
    [Id(8)] public bool Active { get; init; } = true;

    /// <summary>The most specific category, used for trending scopes and filters.</summary>
    public string? Category => CategoryPath.Count > 0 ? CategoryPath[^1] : null;
}
