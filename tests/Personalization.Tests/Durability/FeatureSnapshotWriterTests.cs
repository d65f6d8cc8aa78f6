using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalization.Features;
using Personalization.Silo.Lake;
using Personalization.Silo.Lake.Features;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

/// <summary>The feature writer against an in-memory store that can fail, without a silo.</summary>
public sealed class FeatureSnapshotWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SnapshotTime = new(2026, 11, 1, 13, 59, 30, TimeSpan.Zero);

    private readonly FlakyLakeStore _store = new();
    private readonly FeatureSnapshotWriter _writer;

    public FeatureSnapshotWriterTests() => _writer = Writer(maxBatchRows: 2, maxBatchAge: TimeSpan.FromHours(1));

    public Task InitializeAsync() => _writer.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _writer.StopAsync(CancellationToken.None);

    [Fact]
    public async Task A_full_batch_is_written_per_table_under_its_snapshot_hour()
    {
        _writer.Add(Customer("c1", events: 1));
        _writer.Add(Customer("c2", events: 2));
        _writer.Add(Product("p1", views: 5));
        _writer.Add(Product("p2", views: 6));

        await Eventually.Matches(() => Task.FromResult(_writer.RowsWritten), rows => rows == 4);

        var customers = Assert.Single(_store.Files, f => f.Key.StartsWith("lake/features/customers/", StringComparison.Ordinal));
        Assert.Matches(@"^lake/features/customers/date=2026-11-01/hour=13/part-\d{8}T\d{6}Z-[0-9a-f]{32}\.parquet$", customers.Key);
        var file = new ParquetColumns(customers.Value);
        Assert.Equal(["c1", "c2"], (await file.StringsAsync("customer_id")).Order());
        Assert.Equal([1L, 2L], (await file.LongsAsync("events")).Order());
        Assert.All(await file.TimestampsAsync("snapshot_time"), t => Assert.Equal(SnapshotTime.UtcDateTime, t));

        var products = Assert.Single(_store.Files, f => f.Key.StartsWith("lake/features/products/date=2026-11-01/hour=13/", StringComparison.Ordinal));
        Assert.Equal([5L, 6L], (await new ParquetColumns(products.Value).LongsAsync("views")).Order());
    }

    [Fact]
    public async Task Rows_of_a_failed_write_are_retried_and_a_newer_row_of_the_same_id_wins()
    {
        _store.Failing = true;
        _writer.Add(Customer("c1", events: 1));
        _writer.Add(Customer("c2", events: 1));
        await Eventually.Matches(() => Task.FromResult(_store.FailedWrites), failed => failed >= 1);

        _writer.Add(Customer("c1", events: 2));
        _store.Failing = false;
        await Eventually.Matches(() => Task.FromResult(_writer.RowsWritten), rows => rows == 2);

        var file = new ParquetColumns(Assert.Single(_store.Files).Value);
        var ids = await file.StringsAsync("customer_id");
        var events = await file.LongsAsync("events");
        Assert.Equal([("c1", 2L), ("c2", 1L)], ids.Zip(events, (id, n) => (id!, n)).OrderBy(r => r.Item1));
    }

    [Fact]
    public async Task Stopping_writes_rows_that_reached_neither_bound()
    {
        await using var writer = new StoppedOnDispose(Writer(maxBatchRows: 1000, maxBatchAge: TimeSpan.FromHours(1)));
        await writer.Inner.StartAsync(CancellationToken.None);
        writer.Inner.Add(Product("p1", views: 3));
        Assert.Equal(0, writer.Inner.RowsWritten);

        await writer.Inner.StopAsync(CancellationToken.None);

        Assert.Equal(1, writer.Inner.RowsWritten);
        var file = _store.Files.Single(f => f.Key.Contains("/features/products/", StringComparison.Ordinal));
        Assert.Equal(["p1"], await new ParquetColumns(file.Value).StringsAsync("product_id"));
    }

    [Fact]
    public async Task List_columns_read_back_per_row_including_rows_without_a_list()
    {
        _writer.Add(Customer("c1", events: 1) with { RecentProductIds = ["a", "b"], TopCategories = [new("shoes", 2)] });
        _writer.Add(Customer("c2", events: 1));
        await Eventually.Matches(() => Task.FromResult(_writer.RowsWritten), rows => rows == 2);

        var rows = (await FeatureRow.ReadAllAsync(Assert.Single(_store.Files).Value, "customer_id")).ToDictionary(r => r.Id);

        Assert.Equal(["a", "b"], rows["c1"].Lists["recent_product_ids"]);
        Assert.Equal(["shoes"], rows["c1"].Lists["top_categories"]);
        Assert.Empty(rows["c2"].Lists["recent_product_ids"]);
        Assert.Empty(rows["c2"].Lists["top_categories"]);
    }

    [Fact]
    public void Options_that_cannot_work_are_named()
    {
        var problems = new FeatureSnapshotOptions { MaxBatchRows = 0, MaxBatchAge = TimeSpan.Zero, MaxBufferedRows = -1 }.Problems().ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("Lake:FeatureSnapshots:MaxBatchAge", StringComparison.Ordinal));
    }

    private FeatureSnapshotWriter Writer(int maxBatchRows, TimeSpan maxBatchAge) => new(
        _store,
        Options.Create(new LakeOptions()),
        Options.Create(new FeatureSnapshotOptions { MaxBatchRows = maxBatchRows, MaxBatchAge = maxBatchAge, MaxBufferedRows = 100 }),
        new FixedClock(SnapshotTime),
        NullLogger<FeatureSnapshotWriter>.Instance);

    private static CustomerFeatureSnapshot Customer(string id, long events) => new() { CustomerId = id, Events = events };

    private static ProductFeatureSnapshot Product(string id, long views) => new() { ProductId = id, Views = views, Events = views };

    private sealed class StoppedOnDispose(FeatureSnapshotWriter inner) : IAsyncDisposable
    {
        public FeatureSnapshotWriter Inner => inner;

        public async ValueTask DisposeAsync() => await inner.StopAsync(CancellationToken.None);
    }

    /// <summary>Keeps lake files in memory; while <see cref="Failing"/>, every write throws as an unreachable store would.</summary>
    private sealed class FlakyLakeStore : ILakeStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _files = new();
        private int _failedWrites;

        public volatile bool Failing;

        public int FailedWrites => Volatile.Read(ref _failedWrites);

        public IReadOnlyDictionary<string, byte[]> Files => _files;

        public Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                Interlocked.Increment(ref _failedWrites);
                throw new IOException("The test store is unreachable.");
            }

            _files[key] = content;
            return Task.CompletedTask;
        }

        public string Describe(string key) => "memory://" + key;
    }
}
