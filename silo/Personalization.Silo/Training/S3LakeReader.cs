using Amazon.S3;
using Amazon.S3.Model;

namespace Personalization.Silo.Training;

/// <summary>The lake as objects under <c>s3://{bucket}/{prefix}/events/</c>.</summary>
public sealed class S3LakeReader(IAmazonS3 s3, string bucket, string prefix) : ILakeReader
{
    private readonly string _events = prefix.Trim('/') + "/events/";

    public string Location => $"s3://{bucket}/{_events}";

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = _events };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key).Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
