namespace Personalization.Api.Access;

/// <summary>The three roles an API key can have. Admin may do everything.</summary>
public static class ApiRoles
{
    /// <summary>Offers and similar products.</summary>
    public const string Storefront = "storefront";

    /// <summary>Events and catalogue/customer upserts.</summary>
    public const string Ingest = "ingest";

    /// <summary>Dashboard and operations, and everything the other roles may do.</summary>
    public const string Admin = "admin";

    public static readonly string[] All = [Storefront, Ingest, Admin];
}
