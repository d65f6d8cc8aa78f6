using Microsoft.Extensions.Configuration;

namespace Personalization.Api.Cluster;

/// <summary>
/// How a process finds its cluster; configuration section <c>Cluster</c>. Read by the silo and by the
/// standalone client API, so both sides agree on the provider, the ids and the database.
/// </summary>
public sealed class ClusterHostingOptions
{
    public const string SectionName = "Cluster";

    public const string Localhost = "localhost";
    public const string Postgres = "postgres";

    /// <summary>
    /// <c>localhost</c> (default: one embedded silo, no database) or <c>postgres</c> (membership,
    /// reminders and CRM/ERP records in PostgreSQL through Orleans' ADO.NET providers).
    /// </summary>
    public string Provider { get; set; } = Localhost;

    /// <summary>Orleans ClusterId: silos and clients with the same id form one cluster. Default <c>personalization</c>.</summary>
    public string ClusterId { get; set; } = "personalization";

    /// <summary>Orleans ServiceId: keys persisted state and reminders; keep it stable across deployments. Default <c>personalization</c>.</summary>
    public string ServiceId { get; set; } = "personalization";

    /// <summary>
    /// Npgsql connection string (postgres provider only), e.g.
    /// <c>Host=db;Port=5432;Database=personalization;Username=orleans;Password=...</c>.
    /// <c>Search Path=orleans</c> is added when missing: the schema lives in its own schema.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    public bool UsesPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>Binds the section and fails with a message that says what to set when it is unusable.</summary>
    public static ClusterHostingOptions From(IConfiguration configuration)
    {
        var options = new ClusterHostingOptions();
        configuration.GetSection(SectionName).Bind(options);
        if (!options.UsesPostgres && !string.Equals(options.Provider, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Cluster:Provider '{options.Provider}' is unknown; use '{Localhost}' (embedded) or '{Postgres}'.");
        }

        if (options.UsesPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Cluster:Provider is 'postgres' but Cluster:ConnectionString is empty. Set it (environment variable Cluster__ConnectionString), " +
                "e.g. 'Host=db;Database=personalization;Username=orleans;Password=...'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            throw new InvalidOperationException("Cluster:ClusterId and Cluster:ServiceId must not be empty.");
        }

        return options;
    }
}
