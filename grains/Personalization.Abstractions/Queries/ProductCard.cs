namespace Personalization.Queries;

/// <summary>What a query needs to know of a product to filter and display it.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductCard
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string? Title { get; init; }
    [Id(2)] public IReadOnlyList<string> CategoryPath { get; init; } = [];
    [Id(3)] public string? Brand { get; init; }
    [Id(4)] public decimal? Price { get; init; }
    [Id(5)] public string? Currency { get; init; }
    [Id(6)] public bool InStock { get; init; } = true;
    [Id(7)] public bool Active { get; init; } = true;
    /// <summary>True when the catalogue (ERP) knows the product; false when it was only seen in events.</summary>
    [Id(8)] public bool InCatalog { get; init; }

    public string? Category => CategoryPath.Count > 0 ? CategoryPath[^1] : null;

    public bool IsInCategory(string category) =>
        CategoryPath.Any(level => string.Equals(level, category, StringComparison.OrdinalIgnoreCase));
}
