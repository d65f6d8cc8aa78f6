using Personalization.Events;
using Personalization.Silo.Lake;
using Personalization.Silo.Training;

namespace Personalization.Tests.Training;

public sealed class LakeEventsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lake-read-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task Write(string key, params ShopperEvent[] events)
    {
        var store = new LocalDirectoryLakeStore(_dir);
        await store.WriteAsync(key, await ParquetLakeFile.EncodeAsync([.. events.Select(e => LakeEventRow.From(e, T0))], CancellationToken.None), CancellationToken.None);
    }

    [Fact]
    public async Task Events_written_by_the_lake_writer_come_back_whole_in_event_time_order_each_once()
    {
        var order = new ShopperEvent
        {
            MessageId = "m2", Kind = EventKind.OrderCompleted, UserId = "u1", SessionKey = "s1", Timestamp = T0.AddMinutes(5), StoreId = "S1", OrderId = "o1",
            Products = [new LineItem("p1", 9.5m, 2, "Shoes", "Stride"), new LineItem("p2", null, 1, null, null)],
        };
        var view = new ShopperEvent { MessageId = "m1", Kind = EventKind.ProductViewed, UserId = "u1", SessionKey = "s1", Timestamp = T0, ProductId = "p1", Price = 9.5m, Quantity = 1 };
        await Write("lake/events/date=2026-03-01/hour=09/part-2.parquet", order);
        await Write("lake/events/date=2026-03-01/hour=09/part-1.parquet", view, order); // a batch written twice holds m2 again

        var events = await LakeEvents.ReadAsync(new LocalLakeReader(_dir, "lake"), TextWriter.Null, CancellationToken.None);

        Assert.Equal(["m1", "m2"], events.Select(e => e.MessageId));
        Assert.Equal(view, events[0] with { Products = view.Products });
        Assert.True(order.Products.SequenceEqual(events[1].Products), string.Join(", ", events[1].Products));
        Assert.Equal(order with { Products = [] }, events[1] with { Products = [] });
    }

    [Fact]
    public async Task An_absent_or_empty_lake_is_refused_with_what_to_do()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => LakeEvents.ReadAsync(new LocalLakeReader(_dir, "lake"), TextWriter.Null, CancellationToken.None));

        Assert.Contains("has no event files", error.Message);
        Assert.Contains("Storage:Provider", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_lake_parquet_is_named()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "lake", "events", "date=2026-03-01", "hour=09"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "lake", "events", "date=2026-03-01", "hour=09", "junk.parquet"), "junk");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => LakeEvents.ReadAsync(new LocalLakeReader(_dir, "lake"), TextWriter.Null, CancellationToken.None));

        Assert.Contains("junk.parquet is not a lake Parquet file", error.Message);
    }
}
