using Orleans.Streams;

namespace Personalization.Silo.Streams.Cache;

/// <summary>One <see cref="StreamIndexedQueueCache"/> per queue, each holding at most <paramref name="capacity"/> batches.</summary>
public sealed class StreamIndexedQueueAdapterCache(int capacity) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new StreamIndexedQueueCache(capacity);
}
