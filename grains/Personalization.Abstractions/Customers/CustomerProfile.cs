namespace Personalization.Customers;

/// <summary>A CRM record, as upserted in bulk through <c>POST /v1/customers</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerProfile
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string? Segment { get; init; }
    /// <summary>Consent to personalization. Without it the customer gets only non-personalized offers.</summary>
    [Id(2)] public bool Consent { get; init; } = true;
    /// <summary>The customer's home store, for "popular near you" offers.</summary>
    [Id(3)] public string? StoreId { get; init; }
    [Id(4)] public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
