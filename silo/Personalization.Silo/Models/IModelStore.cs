namespace Personalization.Silo.Models;

/// <summary>
/// Where trained offer models are published and where silos find them: a local directory or an S3
/// prefix. Layout: <c>{version}/model.zip</c>, <c>{version}/manifest.json</c>, and <c>latest.json</c>
/// naming the version to serve, written last, so a silo never sees a version whose files are not there.
/// </summary>
public interface IModelStore
{
    string Location { get; }

    Task PublishAsync(string version, byte[] model, ModelManifest manifest, CancellationToken cancellationToken);

    /// <summary>The version <c>latest.json</c> names; null when nothing was published yet.</summary>
    Task<string?> LatestVersionAsync(CancellationToken cancellationToken);

    Task<(byte[] Model, ModelManifest Manifest)> ReadAsync(string version, CancellationToken cancellationToken);
}

/// <summary>The pointer file's content.</summary>
public sealed record LatestModel(string Version, DateTimeOffset PublishedAt);
