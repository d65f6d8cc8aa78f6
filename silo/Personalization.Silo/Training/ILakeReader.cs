namespace Personalization.Silo.Training;

/// <summary>Reads the Parquet event lake the silos write (a local directory or an S3 prefix).</summary>
public interface ILakeReader
{
    /// <summary>Every lake file's key under <c>{prefix}/events/</c>, in key order (which is partition, then write time).</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Where the lake is, for messages.</summary>
    string Location { get; }
}
