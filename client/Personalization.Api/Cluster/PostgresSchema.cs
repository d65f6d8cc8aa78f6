using System.Data.Common;

namespace Personalization.Api.Cluster;

/// <summary>The dedicated schema that holds the Orleans tables (deploy/sql).</summary>
public static class PostgresSchema
{
    public const string Name = "orleans";

    /// <summary>The ADO.NET invariant Orleans uses to load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// The connection string with <c>Search Path</c> set to <see cref="Name"/> unless the operator chose one:
    /// Orleans' providers name their tables unqualified and have no schema option.
    /// </summary>
    public static string WithSearchPath(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (builder.ContainsKey("Search Path") || builder.ContainsKey("SearchPath")) return connectionString;
        builder["Search Path"] = Name;
        return builder.ConnectionString;
    }
}
