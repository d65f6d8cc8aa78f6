using Parquet;
using Parquet.Schema;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// Reads columns of a Parquet file with Parquet.Net's low-level column reader, independently of the
/// attribute serializer the product writes with, so a test sees what any Parquet engine would see.
/// </summary>
public sealed class ParquetColumns(byte[] file)
{
    /// <summary>Every leaf column: its top-level column, its own name, its type, and whether it is inside a list.</summary>
    public async Task<IReadOnlyList<(string Column, string Leaf, Type Type, bool InList)>> LeavesAsync()
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return [.. reader.Schema.GetDataFields().Select(f => (f.Path.FirstPart!, f.Name, f.ClrType, f.MaxRepetitionLevel > 0))];
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
    /// per row, rebuilt from repetition and definition levels; an absent list reads as empty.
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
            // Raw levels: repetition level 0 starts a row; only levels defined down to the leaf carry a value,
            // and the values come packed, one per such level.
            var levels = checked((int)group.GetMetadata(field)!.MetaData!.NumValues);
            var values = new ReadOnlyMemory<char>[levels];
            var definitions = new int[levels];
            var repetitions = new int[levels];
            await group.ReadRawAsync(field, values.AsMemory(), definitions.AsMemory(), repetitions.AsMemory());
            var next = 0;
            for (var i = 0; i < levels; i++)
            {
                if (repetitions[i] == 0) rows.Add([]);
                if (definitions[i] == field.MaxDefinitionLevel) rows[^1].Add(values[next++].ToString());
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
