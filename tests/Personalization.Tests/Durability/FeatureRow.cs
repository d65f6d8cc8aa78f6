using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

/// <summary>
/// A feature-table row as an independent reader sees it: the id, the snapshot time, every counter
/// (the int64 columns) and the string leaves of the list columns (ids, or the keys of weighted keys).
/// </summary>
internal sealed record FeatureRow(string Id, DateTime SnapshotTime, Dictionary<string, long> Counters, Dictionary<string, List<string>> Lists)
{
    public static async Task<List<FeatureRow>> ReadAllAsync(byte[] file, string idColumn)
    {
        var columns = new ParquetColumns(file);
        var ids = await columns.StringsAsync(idColumn);
        var times = await columns.TimestampsAsync("snapshot_time");
        var rows = ids.Select((id, i) => new FeatureRow(id!, times[i], [], [])).ToList();
        foreach (var (column, leaf, type, inList) in await columns.LeavesAsync())
        {
            if (!inList && type == typeof(long))
            {
                var values = await columns.LongsAsync(column);
                for (var i = 0; i < rows.Count; i++) rows[i].Counters[column] = values[i];
            }
            else if (inList && IsText(type) && leaf is "element" or "key" or "product_id")
            {
                var lists = await columns.StringListsAsync(column, leaf);
                for (var i = 0; i < rows.Count; i++) rows[i].Lists[column] = lists[i];
            }
        }

        return rows;
    }

    // Parquet.Net 6 reports text columns as ReadOnlyMemory<char>; the string reader reads them all the same.
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);
}
