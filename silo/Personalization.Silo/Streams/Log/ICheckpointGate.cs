namespace Personalization.Silo.Streams.Log;

/// <summary>
/// The one place that decides how far a partition's offset may be committed. The receiver proposes the
/// offset up to which every event was delivered to (applied in memory by) its grains; a gate may hold
/// the commit back. The durability work plugs in here a gate that answers "up to where every event is
/// in flushed grain state", so a crash replays exactly what was not yet flushed.
/// </summary>
public interface ICheckpointGate
{
    /// <summary>
    /// The offset that may be committed for <paramref name="partition"/>, at most <paramref name="deliveredNextOffset"/>
    /// and never below <paramref name="committedNextOffset"/> (commits never move back).
    /// </summary>
    ValueTask<long> MayCommitAsync(int partition, long committedNextOffset, long deliveredNextOffset, CancellationToken cancellationToken);

    /// <summary>A receiver starts reading <paramref name="partition"/> at <paramref name="committedNextOffset"/> (forget what was routed before).</summary>
    void Started(int partition, long committedNextOffset) { }

    /// <summary>The record at <paramref name="offset"/> goes to these streams (one per grain).</summary>
    void Routed(int partition, long offset, IReadOnlyList<Orleans.Runtime.StreamId> streams) { }
}

/// <summary>Today's rule: an offset may be committed once every event before it was delivered to its grains.</summary>
public sealed class DeliveredCheckpointGate : ICheckpointGate
{
    public ValueTask<long> MayCommitAsync(int partition, long committedNextOffset, long deliveredNextOffset, CancellationToken cancellationToken) =>
        ValueTask.FromResult(deliveredNextOffset);
}
