using System.Globalization;

namespace Personalization.Silo.Lake;

/// <summary>
/// The Hive-style partition of a lake row by a UTC time: <c>{table}/date=YYYY-MM-DD/hour=HH</c>. Events are
/// partitioned by their own timestamp, feature snapshots by their snapshot time. Engines (DuckDB, Spark,
/// Athena) read <c>date</c> and <c>hour</c> from the path and prune on them.
/// </summary>
public readonly record struct LakePartition(string Table, DateOnly Date, int Hour)
{
    public const string Events = "events";
    public const string CustomerFeatures = "features/customers";
    public const string ProductFeatures = "features/products";

    public static LakePartition Of(DateTime utc) => Of(Events, utc);

    public static LakePartition Of(string table, DateTime utc) => new(table, DateOnly.FromDateTime(utc), utc.Hour);

    public string Path => string.Create(CultureInfo.InvariantCulture, $"{Table}/date={Date:yyyy-MM-dd}/hour={Hour:00}");

    /// <summary>A file name that sorts by write time and never collides between silos or batches.</summary>
    public string FileKey(string prefix, DateTimeOffset writtenAt) => string.Create(CultureInfo.InvariantCulture,
        $"{prefix}/{Path}/part-{writtenAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.parquet");
}
