using Npgsql;
using Personalization.Silo.Cluster;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresServer postgres)
{
    /// <summary>Every key the three providers (clustering, reminders, persistence) of Orleans 10.4.2 read.</summary>
    private static readonly string[] ExpectedKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "UpsertReminderRowKey", "WriteToStorageKey",
    ];

    [Fact]
    public async Task Applying_the_migration_twice_leaves_one_schema_with_every_query_key()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema");
        var migrator = new SchemaMigrator(connectionString);

        var first = await migrator.ApplyAsync(CancellationToken.None);
        var second = await migrator.ApplyAsync(CancellationToken.None);

        Assert.Equal(["001-schema.sql", "002-queries.sql"], first);
        Assert.Equal(first, second);
        Assert.Equal(ExpectedKeys.Order(StringComparer.Ordinal), await migrator.QueryKeysAsync(CancellationToken.None));
        Assert.Equal(
            ["orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage"],
            await TablesAsync(connectionString));
    }

    [Fact]
    public async Task Migrations_running_at_the_same_time_both_succeed()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new SchemaMigrator(connectionString).ApplyAsync(CancellationToken.None)));

        Assert.Equal(ExpectedKeys.Length, (await new SchemaMigrator(connectionString).QueryKeysAsync(CancellationToken.None)).Count);
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'orleans' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
