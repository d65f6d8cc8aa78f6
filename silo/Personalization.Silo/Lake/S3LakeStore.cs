using Amazon.S3;
using Amazon.S3.Model;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Lake;

/// <summary>Lake files as S3 objects, one PUT per file (with <see cref="S3Retry"/>).</summary>
public sealed class S3LakeStore(IAmazonS3 s3, string bucket, S3Retry retry) : ILakeStore
{
    public Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken) =>
        retry.ExecuteAsync("lake write " + key, ct => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content, writable: false),
            ContentType = "application/vnd.apache.parquet",
            UseChunkEncoding = false,
        }, ct), cancellationToken);

    public string Describe(string key) => $"s3://{bucket}/{key}";
}
