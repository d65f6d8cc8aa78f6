using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Orleans.Storage;

namespace Personalization.Silo.Storage.S3;

/// <summary>
/// Grain state as one S3 object per grain and state name:
/// <c>{prefix}/{fanout}/{state}/{grain}.bin</c> (<see cref="SnapshotKey"/>), in the shared
/// <see cref="SnapshotFormat"/>. The hash fan-out comes right after the fixed prefix, so S3 can split
/// the key space into 256 evenly loaded partitions (S3 scales request rates per prefix). A PUT of the
/// whole object is atomic in S3, so a reader sees the old or the new snapshot, never a mix.
/// Errors reach the grain after <see cref="S3Retry"/>; <c>WriteBehindState</c> keeps the state dirty.
/// </summary>
public sealed class S3GrainStorage(IAmazonS3 s3, string bucket, string prefix, SnapshotFormat format, S3Retry retry) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = KeyOf(stateName, grainId);
        var found = await retry.ExecuteAsync("read " + key, async ct =>
        {
            try
            {
                using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, ct);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, ct);
                return (Bytes: buffer.ToArray(), response.ETag);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return (Bytes: (byte[]?)null, ETag: (string?)null);
            }
        }, CancellationToken.None);

        if (found.Bytes is null)
        {
            grainState.RecordExists = false;
            return;
        }

        grainState.State = format.Decode<T>(found.Bytes, $"s3://{bucket}/{key}");
        grainState.RecordExists = true;
        grainState.ETag = found.ETag;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Encode before the first await: the grain keeps changing its state while the PUT is in flight,
        // and the snapshot must be one consistent moment of it.
        var bytes = format.Encode(grainState.State);
        var key = KeyOf(stateName, grainId);
        var etag = await retry.ExecuteAsync("write " + key, async ct =>
        {
            var response = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(bytes, writable: false),
                ContentType = "application/octet-stream",
                // S3-compatible servers (s3rver, older MinIO) do not understand aws-chunked bodies.
                UseChunkEncoding = false,
            }, ct);
            return response.ETag;
        }, CancellationToken.None);

        grainState.RecordExists = true;
        grainState.ETag = etag;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = KeyOf(stateName, grainId);
        await retry.ExecuteAsync("delete " + key, ct => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct), CancellationToken.None);
        grainState.RecordExists = false;
        grainState.ETag = null;
    }

    private string KeyOf(string stateName, GrainId grainId)
    {
        var key = SnapshotKey.Of(stateName, grainId);
        return $"{prefix}/{key.Fanout}/{key.StateName}/{key.FileName}";
    }
}
