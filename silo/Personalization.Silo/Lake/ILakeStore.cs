namespace Personalization.Silo.Lake;

/// <summary>Where lake files go: an S3 bucket or, in embedded mode, a local directory. Keys use '/'.</summary>
public interface ILakeStore
{
    /// <summary>Writes one whole file; it appears complete or not at all. Throws when the store is unreachable.</summary>
    Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken);

    /// <summary>Where a key ends up, for logs and docs (a path or an s3:// URL).</summary>
    string Describe(string key);
}
