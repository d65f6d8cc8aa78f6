namespace Personalization.Silo.Lake;

/// <summary>Lake files under a local directory (embedded mode); written to a temporary name, then renamed, so readers never see half a file.</summary>
public sealed class LocalDirectoryLakeStore(string root) : ILakeStore
{
    public async Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        var path = Describe(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public string Describe(string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
}
