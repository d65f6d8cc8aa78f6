namespace Personalization.Silo.Lake.Features;

/// <summary>One feature table of the lake: where its files go, its pending rows, and each row's snapshot time (its partition).</summary>
public sealed class FeatureTable<TRow>(string name, PendingFeatureRows<TRow> pending, Func<TRow, DateTime> snapshotTimeOf)
{
    /// <summary>The table's path under the lake prefix, e.g. <c>features/customers</c>.</summary>
    public string Name => name;

    public PendingFeatureRows<TRow> Pending => pending;

    public LakePartition PartitionOf(TRow row) => LakePartition.Of(name, snapshotTimeOf(row));
}
