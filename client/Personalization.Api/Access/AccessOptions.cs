namespace Personalization.Api.Access;

/// <summary>API keys; configuration section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>
    /// The accepted keys. When empty, the well-known <see cref="DevelopmentKeys"/> are used, and only on
    /// loopback connections: a request from any other interface is refused.
    /// </summary>
    public List<ApiKey> Keys { get; set; } = [];

    public bool UsesDevelopmentKeys => Keys.Count == 0;

    public IReadOnlyList<ApiKey> EffectiveKeys => UsesDevelopmentKeys ? DevelopmentKeys.All : Keys;
}

public sealed class ApiKey
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>Who holds the key, for logs (never the key itself).</summary>
    public string Name { get; set; } = "";
}

/// <summary>Keys for the embedded, loopback-only default. Printed at start-up and in the README.</summary>
public static class DevelopmentKeys
{
    public const string Storefront = "dev-storefront-key";
    public const string Ingest = "dev-ingest-key";
    public const string Admin = "dev-admin-key";

    public static readonly IReadOnlyList<ApiKey> All =
    [
        new() { Key = Storefront, Role = ApiRoles.Storefront, Name = "development storefront" },
        new() { Key = Ingest, Role = ApiRoles.Ingest, Name = "development ingest" },
        new() { Key = Admin, Role = ApiRoles.Admin, Name = "development admin" },
    ];
}
