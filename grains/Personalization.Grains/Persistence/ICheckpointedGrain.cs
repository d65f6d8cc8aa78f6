namespace Personalization.Persistence;

/// <summary>
/// A grain that applies events from the durable log and can prove they are in its flushed snapshot; the
/// checkpoint gate asks before it lets a partition's committed offset pass them (docs/durability.md).
/// </summary>
public interface ICheckpointedGrain : IGrainWithStringKey
{
    /// <summary>Writes the snapshot if needed and says whether it holds every event the check lists.</summary>
    Task<FlushOutcome> FlushThrough(AppliedCheck check);
}

/// <summary>
/// "Of partition <see cref="Partition"/>, you were delivered <see cref="Count"/> events with offsets from
/// <see cref="From"/> through <see cref="Through"/>." Offsets below <see cref="Committed"/> are committed:
/// the log will not deliver them again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AppliedCheck(
    [property: Id(0)] int Partition,
    [property: Id(1)] long Committed,
    [property: Id(2)] long From,
    [property: Id(3)] long Through,
    [property: Id(4)] int Count);

public enum FlushOutcome
{
    /// <summary>Every listed event is in the stored snapshot.</summary>
    Persisted,

    /// <summary>Every listed event is applied in memory, but writing the snapshot failed; ask again later.</summary>
    NotPersisted,

    /// <summary>Some listed event is not applied at all: this activation started from an older snapshot (its silo died); the partition must replay.</summary>
    Missing,
}
