using Parquet;
using Parquet.Serialization;

namespace Personalization.Silo.Lake;

/// <summary>Encodes lake rows (events or feature snapshots) as one Snappy-compressed Parquet file (one row group).</summary>
public static class ParquetLakeFile
{
    public static async Task<byte[]> EncodeAsync<TRow>(IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : new()
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken);
        return buffer.ToArray();
    }
}
