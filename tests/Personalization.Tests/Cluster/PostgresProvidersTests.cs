using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Personalization.Api.Access;
using Personalization.Silo.Cluster;
using Personalization.Silo.Hosting;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Cluster;

/// <summary>
/// The product's silo on a migrated PostgreSQL schema: membership rows, the reminder table, and CRM/ERP
/// records written through and read back after the whole (one-silo) cluster restarted.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresProvidersTests(PostgresServer postgres)
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Membership_reminders_and_records_work_on_the_migrated_schema()
    {
        var connectionString = await postgres.CreateDatabaseAsync("providers");
        var migrator = new SchemaMigrator(connectionString);
        await migrator.ApplyAsync(CancellationToken.None);
        await migrator.ApplyAsync(CancellationToken.None);
        var customerId = TestEvents.Unique("crm");
        var productId = TestEvents.Unique("erp");

        var (first, firstUri) = await StartSiloAsync(connectionString);
        try
        {
            Assert.Equal([Active], await StatusesAsync(connectionString));
            await ExerciseReminderTableAsync(first.Services.GetRequiredService<IReminderTable>());

            using var ingest = Client(firstUri, DevelopmentKeys.Ingest);
            var customers = await ingest.PostAsJsonAsync("/v1/customers",
                new[] { new { id = customerId, segment = "vip", consent = true, storeId = "S7" } });
            Assert.Equal(HttpStatusCode.Accepted, customers.StatusCode);
            var products = await ingest.PostAsJsonAsync("/v1/catalog/products",
                new[] { new { id = productId, title = "Trail shoe", categoryPath = new[] { "Shoes", "Trail" }, brand = "Peak", price = 89.5, currency = "EUR", stock = 4 } });
            Assert.Equal(HttpStatusCode.Accepted, products.StatusCode);
        }
        finally
        {
            await first.StopAsync();
            await first.DisposeAsync();
        }

        // A graceful stop marks the silo dead in the table; the records stay in orleansstorage.
        Assert.Equal([Dead], await StatusesAsync(connectionString));
        Assert.Equal(["content-index", "customer-profile", "product-record"], await StateNamesAsync(connectionString));

        var (second, secondUri) = await StartSiloAsync(connectionString);
        try
        {
            Assert.Equal([Active, Dead], await StatusesAsync(connectionString));
            using var admin = Client(secondUri, DevelopmentKeys.Admin);
            var customer = JsonNode.Parse(await admin.GetStringAsync($"/v1/customers/{customerId}"))!["profile"]!;
            Assert.Equal("vip", (string?)customer["segment"]);
            Assert.Equal("S7", (string?)customer["storeId"]);
            Assert.True((bool)customer["consent"]!);

            var record = JsonNode.Parse(await admin.GetStringAsync($"/v1/products/{productId}"))!["record"]!;
            Assert.Equal("Trail shoe", (string?)record["title"]);
            Assert.Equal(89.5m, (decimal)record["price"]!);
            Assert.Equal(4, (int)record["stock"]!);
            Assert.Equal(["Shoes", "Trail"], record["categoryPath"]!.AsArray().Select(n => (string)n!));
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task ExerciseReminderTableAsync(IReminderTable reminders)
    {
        var grain = GrainId.Create("test-reminder", TestEvents.Unique("g"));
        var start = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        var etag = await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "flush", StartAt = start, Period = TimeSpan.FromMinutes(5) });
        var updatedEtag = await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "flush", StartAt = start, Period = TimeSpan.FromDays(60) });
        Assert.NotEqual(etag, updatedEtag);

        var row = await reminders.ReadRow(grain, "flush");
        Assert.NotNull(row);
        Assert.NotNull(etag);
        Assert.NotNull(updatedEtag);
        Assert.Equal(TimeSpan.FromDays(60), row.Period);
        Assert.Equal(start, row.StartAt.ToUniversalTime());
        Assert.Single((await reminders.ReadRows(grain)).Reminders);
        var hash = grain.GetUniformHashCode();
        Assert.Single((await reminders.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId == grain);
        // A range that wraps around the ring: everything but (hash + 5, hash + 10].
        Assert.Single((await reminders.ReadRows(hash + 10, hash + 5)).Reminders, r => r.GrainId == grain);
        Assert.DoesNotContain((await reminders.ReadRows(hash, hash - 1)).Reminders, r => r.GrainId == grain);

        Assert.False(await reminders.RemoveRow(grain, "flush", etag));
        Assert.True(await reminders.RemoveRow(grain, "flush", updatedEtag));
        Assert.Empty((await reminders.ReadRows(grain)).Reminders);
    }

    private static async Task<(WebApplication App, Uri BaseAddress)> StartSiloAsync(string connectionString)
    {
        var port = FreePort.Next();
        var app = SiloApp.Create(
        [
            $"--urls=http://127.0.0.1:{port}",
            "--Storage:Provider=memory",
            "--Cluster:Provider=postgres",
            $"--Cluster:ConnectionString={connectionString}",
            "--Cluster:AdvertisedAddress=127.0.0.1",
            $"--Cluster:ClusterId={TestEvents.Unique("cluster")}",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return (app, new Uri($"http://127.0.0.1:{port}"));
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static Task<List<int>> StatusesAsync(string connectionString) =>
        ListAsync(connectionString, "SELECT status FROM orleans.orleansmembershiptable ORDER BY status", r => r.GetInt32(0));

    private static Task<List<string>> StateNamesAsync(string connectionString) =>
        ListAsync(connectionString, "SELECT DISTINCT graintypestring FROM orleans.orleansstorage WHERE payloadbinary IS NOT NULL ORDER BY 1", r => r.GetString(0));

    private static async Task<List<T>> ListAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
