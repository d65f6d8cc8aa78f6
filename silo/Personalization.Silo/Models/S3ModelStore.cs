using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Models;

/// <summary>Models as objects under <c>s3://{bucket}/{prefix}/</c>; a PUT is atomic, and the pointer is written last.</summary>
public sealed class S3ModelStore(IAmazonS3 s3, string bucket, string prefix, S3Retry retry) : IModelStore
{
    private readonly string _prefix = prefix.Trim('/');

    public string Location => $"s3://{bucket}/{_prefix}/";

    public async Task PublishAsync(string version, byte[] model, ModelManifest manifest, CancellationToken cancellationToken)
    {
        await PutAsync(ModelStoreKeys.Model(version), model, "application/zip", cancellationToken);
        await PutAsync(ModelStoreKeys.Manifest(version), manifest.ToJson(), "application/json", cancellationToken);
        await PutAsync(ModelStoreKeys.Latest, ModelStoreKeys.LatestJson(version, manifest.CreatedAt), "application/json", cancellationToken);
    }

    public async Task<string?> LatestVersionAsync(CancellationToken cancellationToken)
    {
        var bytes = await GetAsync(ModelStoreKeys.Latest, cancellationToken);
        return bytes is null ? null : ModelStoreKeys.ParseLatest(bytes, Location + ModelStoreKeys.Latest);
    }

    public async Task<(byte[] Model, ModelManifest Manifest)> ReadAsync(string version, CancellationToken cancellationToken)
    {
        var manifest = await GetAsync(ModelStoreKeys.Manifest(version), cancellationToken);
        var model = await GetAsync(ModelStoreKeys.Model(version), cancellationToken);
        if (manifest is null || model is null)
            throw new InvalidDataException($"Model {version} is incomplete under {Location}: model.zip and manifest.json are both needed.");
        return (model, ModelManifest.Parse(manifest, Location + ModelStoreKeys.Manifest(version)));
    }

    private Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken) =>
        retry.ExecuteAsync("model write " + key, ct => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = $"{_prefix}/{key}",
            InputStream = new MemoryStream(content, writable: false),
            ContentType = contentType,
            UseChunkEncoding = false,
        }, ct), cancellationToken);

    private Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        retry.ExecuteAsync("model read " + key, async ct =>
        {
            try
            {
                using var response = await s3.GetObjectAsync(bucket, $"{_prefix}/{key}", ct);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, ct);
                return buffer.ToArray();
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return (byte[]?)null;
            }
        }, cancellationToken);
}
