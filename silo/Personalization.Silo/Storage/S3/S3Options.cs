namespace Personalization.Silo.Storage.S3;

/// <summary>
/// The S3 (or S3-compatible) bucket that holds snapshots and the lake; configuration section <c>S3</c>.
/// Used when <c>Storage:Provider</c> is <c>s3</c>. The defaults address AWS itself with the default
/// credential chain; for MinIO, Ceph, s3rver and the like set <see cref="ServiceUrl"/> and
/// <see cref="ForcePathStyle"/>.
/// </summary>
public sealed class S3Options
{
    public const string SectionName = "S3";

    /// <summary>The bucket; it must exist. Default <c>personalization</c>.</summary>
    public string BucketName { get; set; } = "personalization";

    /// <summary>Endpoint of an S3-compatible server, e.g. <c>http://127.0.0.1:4568</c>; empty (default) means AWS for <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Address buckets as <c>host/bucket</c> instead of <c>bucket.host</c>; most S3-compatible servers need it. Default false.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Region to sign requests for (also used with <see cref="ServiceUrl"/>). Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; empty (default) uses the AWS default credential chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key, with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Key prefix of grain snapshots (storage "snapshots"); default <c>snapshots</c>.</summary>
    public string SnapshotPrefix { get; set; } = "snapshots";

    /// <summary>Key prefix of CRM/ERP records (storage "records"); default <c>records</c>.</summary>
    public string RecordPrefix { get; set; } = "records";

    /// <summary>Attempts per request, the first included, before the caller sees the error. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; each further retry doubles it (with jitter) up to <see cref="MaxRetryDelay"/>. Default 200 ms.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one retry delay. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time limit of one HTTP request, so a hanging endpoint fails instead of holding a flush. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options; the message says what to change.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(BucketName)) yield return "S3:BucketName is required.";
        if (!string.IsNullOrWhiteSpace(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
            yield return $"S3:ServiceUrl '{ServiceUrl}' is not an absolute URL such as http://127.0.0.1:4568.";
        if (string.IsNullOrWhiteSpace(AccessKey) != string.IsNullOrWhiteSpace(SecretKey))
            yield return "S3:AccessKey and S3:SecretKey go together: set both, or neither to use the default AWS credential chain.";
        if (MaxAttempts < 1) yield return "S3:MaxAttempts must be at least 1.";
        if (FirstRetryDelay < TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
            yield return "S3:FirstRetryDelay must be non-negative and S3:MaxRetryDelay at least as long.";
        if (RequestTimeout <= TimeSpan.Zero) yield return "S3:RequestTimeout must be positive.";
    }
}
