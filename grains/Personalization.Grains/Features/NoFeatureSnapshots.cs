namespace Personalization.Features;

/// <summary>The sink when no lake is written (Storage:Provider memory, Lake:Enabled false, test clusters).</summary>
public sealed class NoFeatureSnapshots : IFeatureSnapshotSink
{
    public void Add(CustomerFeatureSnapshot snapshot)
    {
    }

    public void Add(ProductFeatureSnapshot snapshot)
    {
    }
}
