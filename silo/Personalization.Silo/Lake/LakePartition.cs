using System.Globalization;

namespace Personalization.Silo.Lake;

/// <summary>
/// The Hive-style partition of an event by its own timestamp (UTC): <c>events/date=YYYY-MM-DD/hour=HH</c>.
/// Engines (DuckDB, Spark, Athena) read <c>date</c> and <c>hour</c> from the path and prune on them.
/// </summary>
public readonly record struct LakePartition(DateOnly Date, int Hour)
{
    public static LakePartition Of(DateTime utc) => new(DateOnly.FromDateTime(utc), utc.Hour);

    public string Path => string.Create(CultureInfo.InvariantCulture, $"events/date={Date:yyyy-MM-dd}/hour={Hour:00}");

    /// <summary>A file name that sorts by write time and never collides between silos or batches.</summary>
    public string FileKey(string prefix, DateTimeOffset writtenAt) => string.Create(CultureInfo.InvariantCulture,
        $"{prefix}/{Path}/part-{writtenAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.parquet");
}
