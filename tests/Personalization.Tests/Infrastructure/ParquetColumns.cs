using Parquet;
using Parquet.Schema;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// Reads columns of a Parquet file with Parquet.Net's low-level column reader, independently of the
/// attribute serializer the product writes with, so a test sees what any Parquet engine would see.
/// </summary>
public sealed class ParquetColumns(byte[] file)
{
    public async Task<IReadOnlyList<string>> TopLevelNamesAsync()
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return [.. reader.Schema.Fields.Select(f => f.Name)];
    }

    public Task<List<string?>> StringsAsync(string column) => ReadFlatAsync<string?>(column, async (group, field, count) =>
    {
        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    });

    public Task<List<long>> LongsAsync(string column) => ReadFlatAsync(column, async (group, field, count) =>
    {
        var values = new long[count];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    });

    public Task<List<DateTime>> TimestampsAsync(string column) => ReadFlatAsync(column, async (group, field, count) =>
    {
        var values = new DateTime[count];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    });

    /// <summary>
    /// A list column's string leaf (e.g. <c>recent_product_ids</c>, or the <c>key</c> of <c>top_categories</c>)
    /// per row, rebuilt from repetition levels; an absent list reads as empty.
    /// </summary>
    public async Task<List<List<string>>> StringListsAsync(string column, string? leaf = null)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var field = reader.Schema.GetDataFields().Single(f => f.Path.FirstPart == column && (leaf is null || f.Name == leaf));
        var rows = new List<List<string>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            // One entry per level: null where a row's list is empty or absent; repetition level 0 starts a row.
            var levels = checked((int)group.GetMetadata(field)!.MetaData!.NumValues);
            var values = new string?[levels];
            var repetitions = new int[levels];
            await group.ReadAsync(field, values.AsMemory(), repetitions.AsMemory());
            for (var i = 0; i < levels; i++)
            {
                if (repetitions[i] == 0) rows.Add([]);
                if (values[i] is { } value) rows[^1].Add(value);
            }
        }

        return rows;
    }

    private async Task<List<T>> ReadFlatAsync<T>(string column, Func<ParquetRowGroupReader, DataField, int, Task<T[]>> read)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var field = reader.Schema.GetDataFields().Single(f => f.Path.FirstPart == column && f.MaxRepetitionLevel == 0);
        var all = new List<T>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            all.AddRange(await read(group, field, checked((int)group.RowCount)));
        }

        return all;
    }
}
