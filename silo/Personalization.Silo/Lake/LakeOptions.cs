namespace Personalization.Silo.Lake;

/// <summary>
/// The Parquet event lake; configuration section <c>Lake</c>. Where it goes follows
/// <c>Storage:Provider</c>: <c>s3</c> writes to the S3 bucket under <see cref="Prefix"/>, <c>local</c>
/// to <c>{Storage:Directory}/lake</c>, <c>memory</c> writes no lake. Schema: docs/lake.md.
/// </summary>
public sealed class LakeOptions
{
    public const string SectionName = "Lake";

    /// <summary>Writes accepted events to the lake. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Key prefix (S3) or sub-directory (local) of the lake; files go to <c>{Prefix}/events/date=…/hour=…/</c>. Default <c>lake</c>.</summary>
    public string Prefix { get; set; } = "lake";

    /// <summary>A batch is written once it holds this many events. Default 50,000 (a few MB of Parquet).</summary>
    public int MaxBatchEvents { get; set; } = 50_000;

    /// <summary>
    /// …or once its oldest event has waited this long. Default 1 minute. On a durable log a partition commits
    /// an event only once the lake holds it, so this is also how far commits (and the replay after a crash)
    /// may trail behind the grains.
    /// </summary>
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Events held in memory while the lake store is unreachable; beyond it, ingestion waits
    /// (backpressure) instead of growing memory without bound. Default 1,000,000.
    /// </summary>
    public int MaxBufferedEvents { get; set; } = 1_000_000;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Prefix)) yield return "Lake:Prefix must not be empty.";
        if (MaxBatchEvents < 1) yield return "Lake:MaxBatchEvents must be at least 1.";
        if (MaxBatchAge <= TimeSpan.Zero) yield return "Lake:MaxBatchAge must be positive.";
        if (MaxBufferedEvents < MaxBatchEvents) yield return "Lake:MaxBufferedEvents must be at least Lake:MaxBatchEvents.";
    }
}
