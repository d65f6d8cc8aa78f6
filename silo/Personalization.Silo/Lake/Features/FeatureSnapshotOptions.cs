namespace Personalization.Silo.Lake.Features;

/// <summary>
/// Periodic Parquet snapshots of customer and product features; configuration section
/// <c>Lake:FeatureSnapshots</c>. Written only when the lake is (<c>Lake:Enabled</c>, storage s3 or local),
/// under <c>{Lake:Prefix}/features/customers/</c> and <c>…/features/products/</c>. Schema: docs/lake.md.
/// </summary>
public sealed class FeatureSnapshotOptions
{
    public const string SectionName = "Lake:FeatureSnapshots";

    /// <summary>Writes a feature row whenever a customer or product grain flushed its state. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A table's batch is written once it holds this many rows. Default 50,000.</summary>
    public int MaxBatchRows { get; set; } = 50_000;

    /// <summary>…or once its oldest row has waited this long. Default 5 minutes.</summary>
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Rows per table held in memory while the store is unreachable. A pending row is replaced by the same
    /// id's newer one, so this bounds distinct ids; past it, rows of new ids are dropped (and counted):
    /// a flush never waits for the lake. Default 200,000.
    /// </summary>
    public int MaxBufferedRows { get; set; } = 200_000;

    public IEnumerable<string> Problems()
    {
        if (MaxBatchRows < 1) yield return "Lake:FeatureSnapshots:MaxBatchRows must be at least 1.";
        if (MaxBatchAge <= TimeSpan.Zero) yield return "Lake:FeatureSnapshots:MaxBatchAge must be positive.";
        if (MaxBufferedRows < MaxBatchRows) yield return "Lake:FeatureSnapshots:MaxBufferedRows must be at least Lake:FeatureSnapshots:MaxBatchRows.";
    }
}
