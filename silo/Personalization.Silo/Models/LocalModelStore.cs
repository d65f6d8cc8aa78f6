namespace Personalization.Silo.Models;

/// <summary>Models under a local directory; every file is written to a temporary name and renamed, so readers never see half a file.</summary>
public sealed class LocalModelStore(string root) : IModelStore
{
    private readonly string _root = Path.GetFullPath(root);

    public string Location => _root;

    public async Task PublishAsync(string version, byte[] model, ModelManifest manifest, CancellationToken cancellationToken)
    {
        await WriteAsync(ModelStoreKeys.Model(version), model, cancellationToken);
        await WriteAsync(ModelStoreKeys.Manifest(version), manifest.ToJson(), cancellationToken);
        await WriteAsync(ModelStoreKeys.Latest, ModelStoreKeys.LatestJson(version, manifest.CreatedAt), cancellationToken);
    }

    public async Task<string?> LatestVersionAsync(CancellationToken cancellationToken)
    {
        var path = PathOf(ModelStoreKeys.Latest);
        return File.Exists(path) ? ModelStoreKeys.ParseLatest(await File.ReadAllBytesAsync(path, cancellationToken), path) : null;
    }

    public async Task<(byte[] Model, ModelManifest Manifest)> ReadAsync(string version, CancellationToken cancellationToken)
    {
        var manifestPath = PathOf(ModelStoreKeys.Manifest(version));
        var modelPath = PathOf(ModelStoreKeys.Model(version));
        if (!File.Exists(manifestPath) || !File.Exists(modelPath))
            throw new InvalidDataException($"Model {version} is incomplete in {_root}: model.zip and manifest.json are both needed.");
        return (await File.ReadAllBytesAsync(modelPath, cancellationToken), ModelManifest.Parse(await File.ReadAllBytesAsync(manifestPath, cancellationToken), manifestPath));
    }

    private async Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
}
