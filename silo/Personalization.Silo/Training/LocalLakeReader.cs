namespace Personalization.Silo.Training;

/// <summary>The lake under a local directory (embedded mode: <c>{Storage:Directory}/{Lake:Prefix}</c>).</summary>
public sealed class LocalLakeReader(string root, string prefix) : ILakeReader
{
    private readonly string _events = Path.Combine(Path.GetFullPath(root), prefix.Trim('/'), "events");

    public string Location => _events;

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_events)) return Task.FromResult<IReadOnlyList<string>>([]);
        IReadOnlyList<string> files = Directory.EnumerateFiles(_events, "*.parquet", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(files);
    }

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken) => File.ReadAllBytesAsync(key, cancellationToken);
}
