namespace Personalization.Features;

/// <summary>
/// Where grains hand their feature rows once their state was flushed; the silo's lake writer batches
/// them into Parquet files (docs/lake.md). Called inside a grain turn: implementations only buffer,
/// never wait, block or throw, so a slow or failing lake never slows a flush or a query.
/// </summary>
public interface IFeatureSnapshotSink
{
    void Add(CustomerFeatureSnapshot snapshot);

    void Add(ProductFeatureSnapshot snapshot);
}
