using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Personalization.Api.Access;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Nats;
using Personalization.Tests.Cluster;
using Personalization.Tests.Infrastructure;
using Personalization.Tests.Streams;
using Xunit.Abstractions;

namespace Personalization.Tests.Durability;

/// <summary>
/// The crash test of docs/durability.md: three silo processes (PostgreSQL membership, NATS log, shared
/// snapshot store) consume 200,000 events that an external producer writes to the log; halfway through,
/// one silo is killed hard (SIGKILL, no shutdown). After recovery and drain every customer's and product's counters equal exactly
/// what was produced: no event lost, none counted twice. Prints how many records were read again
/// (replayed) and how long recovery took.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class CrashRecoveryTests(MultiProcessServers servers, ITestOutputHelper output)
{
    private const int Events = 200_000;
    private const int Customers = 1_000;
    private const int Products = 200;
    private const int DeadStatus = 6;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(8);
    private static readonly string[] Kinds = ["Product Viewed", "Product Added", "Order Completed"];

    [Fact]
    public async Task A_silo_killed_hard_mid_stream_loses_no_event_and_counts_none_twice()
    {
        var run = TestEvents.Unique("crash");
        var streaming = StreamingFor(run);
        var connectionString = await servers.Postgres.CreateDatabaseAsync("crash");
        var siloDll = ProductProcess.Dll("silo/Personalization.Silo", "Personalization.Silo");
        await using (var migrate = ProductProcess.Start("migrate", siloDll, ["migrate", $"--Cluster:ConnectionString={connectionString}"]))
        {
            Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, migrate.Output);
        }

        var silos = new List<(ProductProcess Process, HttpClient Admin, int SiloPort)>();
        var storage = Directory.CreateTempSubdirectory("crash-snapshots-");
        try
        {
            for (var i = 0; i < 3; i++) silos.Add(StartSilo($"silo-{i}", connectionString, streaming, siloDll, storage.FullName));
            await Task.WhenAll(silos.Select(s => s.Process.WaitUntilHealthyAsync(StartTimeout)));
            var survivor = silos[0].Admin;
            await Eventually.Matches(() => ActiveSilosAsync(survivor), count => count == 3, StartTimeout);

            // The stream: an external producer writes the public JSON contract straight to the log while the silos consume it.
            var expected = Expected(run);
            var clock = Stopwatch.StartNew();
            await using var producer = new ExternalProducer(streaming);
            var appended = new StrongBox<long>();
            var producing = ProduceAsync(producer, expected, appended);

            // Halfway: once the partitions committed half the events, kill one silo hard.
            await WaitForAsync("half the events committed", silos, async () =>
            {
                var committed = Interlocked.Read(ref appended.Value) - await LagAsync(survivor);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0}s: {Interlocked.Read(ref appended.Value):N0} appended, {committed:N0} committed");
                return committed >= Events / 2;
            });
            var victim = silos[1];
            var readByVictim = await RecordsReadAsync(victim.Admin);
            var killedAt = clock.Elapsed;
            victim.Process.Kill();
            var recovery = Stopwatch.StartNew();
            var produced = await producing;

            var declaredDead = await Eventually.Matches(async () => (Status: await SiloStatusAsync(connectionString, victim.SiloPort), recovery.Elapsed),
                s => s.Status == DeadStatus, TimeSpan.FromSeconds(90));
            await WaitForAsync("every event applied and committed", silos.Where(s => s != victim).ToList(), async () =>
            {
                var lag = await LagAsync(survivor);
                output.WriteLine($"{recovery.Elapsed.TotalSeconds:0}s after the kill: lag {lag:N0}");
                return lag == 0;
            });
            var drained = recovery.Elapsed;

            // Every counter equals exactly what was produced.
            using var storefront = Client(silos[0].Process.BaseAddress!, DevelopmentKeys.Storefront);
            var wrong = new List<string>();
            foreach (var (customer, counts) in expected.Customers)
            {
                var view = await survivor.GetFromJsonAsync<JsonObject>($"/v1/customers/{customer}");
                if (!Same(counts, view!["eventCounts"]!.AsObject())) wrong.Add($"{customer}: expected {Describe(counts)}, got {view["eventCounts"]!.ToJsonString()}");
            }

            foreach (var (product, counts) in expected.Products)
            {
                var view = await storefront.GetFromJsonAsync<JsonObject>($"/v1/products/{product}");
                if (!Same(counts, view!["eventCounts"]!.AsObject())) wrong.Add($"{product}: expected {Describe(counts)}, got {view["eventCounts"]!.ToJsonString()}");
            }

            Assert.True(wrong.Count == 0, $"{wrong.Count} of {Customers + Products} counters differ:\n{string.Join('\n', wrong.Take(20))}");

            // The lake: a partition commits an event only once a lake file holds it, so after the drain every event is
            // there, the dead silo's included; a replay may have written some twice (analysts dedupe by message_id).
            var lakeRows = await LakeMessageIds.ReadDirectoryAsync(Path.Combine(storage.FullName, "lake"));
            var inLake = lakeRows.ToHashSet(StringComparer.Ordinal);
            var notInLake = expected.MessageIds.Count(id => !inLake.Contains(id));
            Assert.True(notInLake == 0, $"{notInLake:N0} of {Events:N0} events are missing from the lake.");
            Assert.Equal(Events, inLake.Count);

            var read = readByVictim;
            foreach (var silo in silos.Where(s => s != victim)) read += await RecordsReadAsync(silo.Admin);
            var report = string.Create(CultureInfo.InvariantCulture,
                $"{Events:N0} events by {Customers:N0} customers on {Products} products, produced to NATS in {produced.TotalSeconds:0.0} s; " +
                $"silo killed hard at {killedAt.TotalSeconds:0.0} s with half committed. Declared dead after {declaredDead.Elapsed.TotalSeconds:0.0} s; " +
                $"everything applied and committed {drained.TotalSeconds:0.0} s after the kill ({Events / clock.Elapsed.TotalSeconds:0} events/s overall). " +
                $"Records read again (replayed): at least {read - Events:N0}. All {Customers + Products:N0} counters exact; " +
                $"the lake holds all {Events:N0} events in {lakeRows.Count:N0} rows ({lakeRows.Count - inLake.Count:N0} written twice by the replay).");
            output.WriteLine(report);
            Console.WriteLine(report);
        }
        finally
        {
            foreach (var (process, admin, _) in silos)
            {
                admin.Dispose();
                await process.DisposeAsync();
            }

            storage.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The events, with what they should leave in the grains: a seeded mix of views, cart adds and orders by
    /// random customers on random products, in event-time order.
    /// </summary>
    private static ExpectedCounters Expected(string run)
    {
        var random = new Random(20261203);
        var expected = new ExpectedCounters();
        for (var i = 0; i < Events; i++)
        {
            var customer = $"{run}-c{random.Next(Customers)}";
            var product = $"{run}-p{random.Next(Products)}";
            var kind = random.Next(20) switch { < 16 => 0, < 19 => 1, _ => 2 };
            var evt = kind switch
            {
                0 => TestEvents.Viewed(customer, product, minute: i / 10),
                1 => TestEvents.Added(customer, product, minute: i / 10),
                _ => TestEvents.Ordered(customer, null, i / 10, product),
            };
            expected.Add(customer, product, Kinds[kind], evt.ToJsonString(), evt["messageId"]!.GetValue<string>());
        }

        return expected;
    }

    /// <summary>A shopper's events stay in order (one lane per shopper, each write awaited); lanes write in parallel.</summary>
    private static async Task<TimeSpan> ProduceAsync(ExternalProducer producer, ExpectedCounters expected, StrongBox<long> appended)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(expected.Lanes(32).Select(lane => Task.Run(async () =>
        {
            foreach (var (customer, json) in lane)
            {
                await producer.PublishAsync(customer, json);
                Interlocked.Increment(ref appended.Value);
            }
        })));
        return clock.Elapsed;
    }

    private static StreamingOptions StreamingFor(string run) => new()
    {
        Provider = StreamingOptions.NatsProvider,
        Partitions = 8,
        Topic = run,
        DeadLetterTopic = run + "-dead",
        ConsumerGroup = run,
        Nats = new NatsLogOptions { StreamName = run, DeadLetterStreamName = run + "-dead", OffsetBucket = run + "-offsets" },
    };

    private (ProductProcess, HttpClient, int) StartSilo(string name, string connectionString, StreamingOptions streaming, string dll, string storage)
    {
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        streaming.Nats.Url = servers.Nats.Url;
        var process = ProductProcess.Start(name, dll,
        [
            "--Cluster:Provider=postgres", $"--Cluster:ConnectionString={connectionString}", $"--Cluster:ClusterId={streaming.ConsumerGroup}",
            "--Cluster:AdvertisedAddress=127.0.0.1", $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={gatewayPort}",
            $"--urls=http://127.0.0.1:{httpPort}", "--Logging:LogLevel:Default=Warning",
            "--Streaming:Provider=nats", $"--Streaming:Nats:Url={servers.Nats.Url}",
            $"--Streaming:Topic={streaming.Topic}", $"--Streaming:DeadLetterTopic={streaming.DeadLetterTopic}",
            $"--Streaming:ConsumerGroup={streaming.ConsumerGroup}", $"--Streaming:Partitions={streaming.Partitions}",
            $"--Streaming:Nats:StreamName={streaming.Nats.StreamName}", $"--Streaming:Nats:DeadLetterStreamName={streaming.Nats.DeadLetterStreamName}",
            $"--Streaming:Nats:OffsetBucket={streaming.Nats.OffsetBucket}",
            // Snapshots in one directory the three processes share, flushed every two seconds (the commit follows the
            // flush). Not s3rver: it writes an object in place, so a silo killed in the middle of a PUT leaves a torn
            // object that fails its checksum on every later read, which real S3 (atomic PUT) never does. The S3 store
            // itself is tested against s3rver elsewhere (S3SnapshotTests, S3OutageTests, MultiProcessClusterTests).
            "--Storage:Provider=local", $"--Storage:Directory={storage}", "--Snapshots:FlushInterval=00:00:02", "--Lake:MaxBatchAge=00:00:02",
        ], new Uri($"http://127.0.0.1:{httpPort}"));
        return (process, Client(process.BaseAddress!, DevelopmentKeys.Admin), siloPort);
    }

    /// <summary>Polls every second until the condition holds; fails after <see cref="DrainTimeout"/> with the silos' last output.</summary>
    private static async Task WaitForAsync(string what, IReadOnlyList<(ProductProcess Process, HttpClient Admin, int SiloPort)> silos, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not {what} within {DrainTimeout}.\n{string.Join('\n', silos.Select(s => s.Process.Output))}");
            await Task.Delay(1000);
        }
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<long> LagAsync(HttpClient admin) => (long)(await admin.GetFromJsonAsync<JsonObject>("/v1/admin/streams"))!["totalLag"]!;

    private static async Task<long> RecordsReadAsync(HttpClient admin) => (long)(await admin.GetFromJsonAsync<JsonObject>("/v1/admin/streams"))!["recordsReadHere"]!;

    private static async Task<int> ActiveSilosAsync(HttpClient admin)
    {
        var cluster = await admin.GetFromJsonAsync<JsonObject>("/v1/admin/cluster");
        return cluster!["silos"]!.AsArray().Count(s => (string?)s!["status"] == "Active");
    }

    private static async Task<int?> SiloStatusAsync(string connectionString, int siloPort)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT status FROM orleans.orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("port", siloPort);
        return await command.ExecuteScalarAsync() as int?;
    }

    private static bool Same(Dictionary<string, long> expected, JsonObject actual) =>
        actual.Count == expected.Count && expected.All(kv => actual[kv.Key] is { } value && (long)value == kv.Value);

    private static string Describe(Dictionary<string, long> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key}: {kv.Value}"));

    /// <summary>What the stream should leave in the grains: per customer and per product, events by name.</summary>
    private sealed class ExpectedCounters
    {
        public Dictionary<string, Dictionary<string, long>> Customers { get; } = [];

        public Dictionary<string, Dictionary<string, long>> Products { get; } = [];

        private readonly List<(string Customer, string Json)> _events = [];

        public HashSet<string> MessageIds { get; } = new(StringComparer.Ordinal);

        public void Add(string customer, string product, string kind, string json, string messageId)
        {
            MessageIds.Add(messageId);
            Count(Customers, customer, kind);
            Count(Products, product, kind);
            _events.Add((customer, json));
        }

        /// <summary>The events split by shopper into <paramref name="count"/> lanes, each in event order.</summary>
        public IEnumerable<List<(string Customer, string Json)>> Lanes(int count) =>
            _events.GroupBy(e => (int)((uint)e.Customer.GetHashCode() % count)).Select(g => g.ToList());

        private static void Count(Dictionary<string, Dictionary<string, long>> table, string key, string kind)
        {
            if (!table.TryGetValue(key, out var counts)) table[key] = counts = [];
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
    }
}
