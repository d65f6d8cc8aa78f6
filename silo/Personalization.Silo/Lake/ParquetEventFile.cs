using Parquet;
using Parquet.Serialization;

namespace Personalization.Silo.Lake;

/// <summary>Encodes lake rows as one Snappy-compressed Parquet file (one row group).</summary>
public static class ParquetEventFile
{
    public static async Task<byte[]> EncodeAsync(IReadOnlyList<LakeEventRow> rows, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken);
        return buffer.ToArray();
    }
}
