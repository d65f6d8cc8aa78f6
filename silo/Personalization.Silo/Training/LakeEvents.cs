using System.Collections.Immutable;
using Parquet.Serialization;
using Personalization.Events;
using Personalization.Silo.Lake;

namespace Personalization.Silo.Training;

/// <summary>
/// The lake's events back as <see cref="ShopperEvent"/>s, in event-time order (ties by the time the
/// silo received them, then message id), each once: a message id seen twice (a retried batch written
/// twice) is kept once, as the grains' duplicate check would.
/// </summary>
public static class LakeEvents
{
    public static async Task<List<ShopperEvent>> ReadAsync(ILakeReader lake, TextWriter log, CancellationToken cancellationToken)
    {
        var files = await lake.ListAsync(cancellationToken);
        if (files.Count == 0)
            throw new InvalidDataException($"The lake at {lake.Location} has no event files. Run the silo with the lake enabled (Storage:Provider local or s3, Lake:Enabled true) and send events first, or point --Storage:Directory / --Lake:Prefix at the lake.");

        var rows = new List<LakeEventRow>();
        for (var i = 0; i < files.Count; i++)
        {
            var bytes = await lake.ReadAsync(files[i], cancellationToken);
            using var stream = new MemoryStream(bytes, writable: false);
            try
            {
                rows.AddRange((await ParquetSerializer.DeserializeAsync<LakeEventRow>(stream, cancellationToken: cancellationToken)).Data);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new InvalidDataException($"Lake file {files[i]} is not a lake Parquet file: {exception.Message}", exception);
            }

            if ((i + 1) % 100 == 0) log.WriteLine($"  read {i + 1:N0}/{files.Count:N0} lake files ({rows.Count:N0} events)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return rows
            .OrderBy(r => r.EventTime).ThenBy(r => r.ReceivedAt).ThenBy(r => r.MessageId, StringComparer.Ordinal)
            .Where(r => seen.Add(r.MessageId))
            .Select(ToEvent)
            .OfType<ShopperEvent>()
            .ToList();
    }

    /// <summary>The event a row was written from; null for an event name this release does not know.</summary>
    public static ShopperEvent? ToEvent(LakeEventRow row)
    {
        if (!EventNames.TryGetKind(row.Event, out var kind)) return null;
        return new ShopperEvent
        {
            MessageId = row.MessageId,
            Kind = kind,
            UserId = row.UserId,
            AnonymousId = row.AnonymousId,
            SessionKey = row.SessionId,
            Timestamp = new DateTimeOffset(DateTime.SpecifyKind(row.EventTime, DateTimeKind.Utc)),
            ProductId = row.ProductId,
            Category = row.Category,
            Brand = row.Brand,
            Price = row.Price,
            Quantity = row.Quantity,
            Products = row.Products is null ? [] : [.. row.Products.Select(l => new LineItem(l.ProductId, l.Price, l.Quantity, l.Category, l.Brand))],
            Query = row.Query,
            StoreId = row.StoreId,
            Zone = row.Zone,
            OrderId = row.OrderId,
        };
    }
}
