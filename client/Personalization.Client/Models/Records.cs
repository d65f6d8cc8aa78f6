namespace Personalization.Client.Models;

/// <summary>A catalogue (ERP) record for <c>POST /v1/catalog/products</c>.</summary>
public sealed record ProductUpsert
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> CategoryPath { get; init; } = [];
    public string? Brand { get; init; }
    public decimal? Price { get; init; }
    /// <summary>ISO 4217 code, e.g. EUR.</summary>
    public string? Currency { get; init; }
    public int? Stock { get; init; }
    public bool Active { get; init; } = true;
}

/// <summary>A customer (CRM) record for <c>POST /v1/customers</c>.</summary>
public sealed record CustomerUpsert
{
    public required string Id { get; init; }
    public string? Segment { get; init; }
    /// <summary>Consent to personalization; required by the API.</summary>
    public required bool Consent { get; init; }
    public string? StoreId { get; init; }
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
