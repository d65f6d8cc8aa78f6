using System.Collections.Concurrent;

namespace Personalization.Silo.Models;

/// <summary>A model store in process memory: the evaluation's in-process loop and tests.</summary>
public sealed class MemoryModelStore : IModelStore
{
    private readonly ConcurrentDictionary<string, (byte[] Model, byte[] Manifest)> _models = new(StringComparer.Ordinal);
    private volatile string? _latest;

    public string Location => "memory";

    public Task PublishAsync(string version, byte[] model, ModelManifest manifest, CancellationToken cancellationToken)
    {
        _models[ModelStoreKeys.Checked(version)] = (model, manifest.ToJson());
        _latest = version;
        return Task.CompletedTask;
    }

    public Task<string?> LatestVersionAsync(CancellationToken cancellationToken) => Task.FromResult(_latest);

    public Task<(byte[] Model, ModelManifest Manifest)> ReadAsync(string version, CancellationToken cancellationToken) =>
        _models.TryGetValue(version, out var entry)
            ? Task.FromResult((entry.Model, ModelManifest.Parse(entry.Manifest, "memory")))
            : throw new InvalidDataException($"Model {version} was never published here.");
}
