using Orleans.Runtime;
using Orleans.Streams;
using Personalization.Events;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>
/// Writes a publish into the queue of its stream, as one container: no serialization, no queue grain. A
/// stream always maps to the same queue, and a queue is read in order, so one shopper's events keep theirs.
/// </summary>
public sealed class InProcessQueueAdapter(string name, IStreamQueueMapper mapper, InProcessQueues queues) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null) throw new NotSupportedException($"Stream provider '{name}' assigns sequence tokens itself; publish without one.");
        var batch = events.Select(e => e as ShopperEvent ?? throw new NotSupportedException(
            $"Stream provider '{name}' carries {nameof(ShopperEvent)}s only; got {e?.GetType().Name ?? "null"}.")).ToArray();
        return queues.WriteAsync(mapper.GetQueueForStream(streamId), streamId, batch, CancellationToken.None).AsTask();
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new InProcessQueueReceiver(queues, queueId);
}
