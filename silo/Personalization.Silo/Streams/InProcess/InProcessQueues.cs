using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Runtime;
using Orleans.Streams;
using Personalization.Events;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>
/// The queues of the embedded mode's event streams: bounded channels in this process's memory, one set
/// per <see cref="Hosting.InProcessCluster"/>, so whichever of its silos owns a queue reads what any of
/// them (or their client) wrote. A full queue makes the writer wait: that is the backpressure HTTP ingest
/// feels when grains fall behind. Nothing survives the process.
/// </summary>
public sealed class InProcessQueues(int capacity)
{
    private readonly ConcurrentDictionary<QueueId, Queue> _queues = new();

    public ValueTask WriteAsync(QueueId queue, StreamId streamId, ShopperEvent[] events, CancellationToken cancellationToken) =>
        Of(queue).Channel.Writer.WriteAsync((streamId, events), cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> waiting batches. Sequence numbers are given here, in the order the
    /// queue hands the batches out, so they grow within a queue however concurrent the writers were: the
    /// queue cache and the pulling agent compare tokens to position cursors.
    /// </summary>
    public List<IBatchContainer> Read(QueueId queue, int max)
    {
        var state = Of(queue);
        var reader = state.Channel.Reader;
        var batch = new List<IBatchContainer>(Math.Min(max, reader.Count));
        while (batch.Count < max && reader.TryRead(out var item))
        {
            batch.Add(new InProcessBatchContainer(item.Stream, item.Events, new Orleans.Providers.Streams.Common.EventSequenceTokenV2(++state.Sequence)));
        }

        return batch;
    }

    private Queue Of(QueueId queue) => _queues.GetOrAdd(queue, _ => new Queue(capacity));

    /// <summary>One queue: single reader at a time (the pulling agent of the silo that owns it), which alone advances <see cref="Sequence"/>.</summary>
    private sealed class Queue(int capacity)
    {
        public Channel<(StreamId Stream, ShopperEvent[] Events)> Channel { get; } =
            System.Threading.Channels.Channel.CreateBounded<(StreamId, ShopperEvent[])>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
            });

        public long Sequence;
    }
}
