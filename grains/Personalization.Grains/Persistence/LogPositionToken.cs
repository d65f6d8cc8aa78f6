using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Personalization.Persistence;

/// <summary>
/// Where an event sits in the durable log: its partition and offset (the sequence number) and its index
/// among the streams the record fans out to. Grains record these positions in their snapshots to skip
/// replays after a crash (docs/durability.md).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogPositionToken : EventSequenceTokenV2
{
    public LogPositionToken(int partition, long offset, int eventIndex) : base(offset, eventIndex) => Partition = partition;

    [Id(0)] public int Partition { get; private set; }

    public override string ToString() => $"[partition {Partition}, offset {SequenceNumber}, index {EventIndex}]";
}
