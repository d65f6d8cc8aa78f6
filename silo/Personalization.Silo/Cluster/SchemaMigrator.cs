using System.Reflection;
using Npgsql;
using Personalization.Api.Cluster;

namespace Personalization.Silo.Cluster;

/// <summary>
/// Applies the PostgreSQL schema (deploy/sql, embedded in this assembly) in file-name order, in one
/// transaction. Every script is idempotent, so running it again is safe and updates the stored queries;
/// an advisory lock keeps silos that migrate at the same time from interleaving.
/// </summary>
public sealed class SchemaMigrator(string connectionString)
{
    private const string ResourcePrefix = "sql/";

    /// <summary>Any fixed number: the advisory lock that serialises concurrent migrations of one database.</summary>
    private const long MigrationLockId = 0x5045_5253_4F4E;

    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)))];
    }

    /// <summary>Applies every script; returns their names in the order applied.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken)
    {
        var scripts = Scripts();
        if (scripts.Count == 0) throw new InvalidOperationException("No SQL scripts are embedded in the silo assembly; the build lost deploy/sql.");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockId})", connection, transaction))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (name, sql) in scripts)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exception)
            {
                throw new InvalidOperationException($"Applying {name} failed: {exception.MessageText} (SQLSTATE {exception.SqlState}). Nothing was changed.", exception);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. scripts.Select(s => s.Name)];
    }

    /// <summary>The query keys stored in the schema, to check the providers will find theirs.</summary>
    public async Task<IReadOnlyList<string>> QueryKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT querykey FROM {PostgresSchema.Name}.orleansquery ORDER BY querykey", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
