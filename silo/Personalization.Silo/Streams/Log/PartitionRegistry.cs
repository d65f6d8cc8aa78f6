using System.Collections.Concurrent;

namespace Personalization.Silo.Streams.Log;

/// <summary>What one consumed partition reports: where it is and how far behind.</summary>
public sealed record PartitionState(int Partition, long CommittedNextOffset, long SafeNextOffset, int InFlight, long Unread)
{
    /// <summary>Records grains have not applied yet: not read, or read and not yet delivered.</summary>
    public long Lag => Unread + InFlight;
}

/// <summary>The partitions this silo consumes right now (receivers join on initialize, leave on shutdown).</summary>
public sealed class PartitionRegistry
{
    private readonly ConcurrentDictionary<int, LogQueueReceiver> _receivers = new();

    public void Add(int partition, LogQueueReceiver receiver) => _receivers[partition] = receiver;

    public void Remove(int partition, LogQueueReceiver receiver) => _receivers.TryRemove(new KeyValuePair<int, LogQueueReceiver>(partition, receiver));

    public LogQueueReceiver? Find(int partition) => _receivers.GetValueOrDefault(partition);

    public IEnumerable<PartitionState> Owned() => _receivers.Values.Select(r => r.State).OrderBy(s => s.Partition);
}
