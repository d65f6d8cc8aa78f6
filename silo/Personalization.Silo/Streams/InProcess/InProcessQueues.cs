using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Streams;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>
/// The queues of the embedded mode's event streams: bounded channels in this process's memory, one set
/// per <see cref="Hosting.InProcessCluster"/>, so whichever of its silos owns a queue reads what any of
/// them (or their client) wrote. A full queue makes the writer wait: that is the backpressure HTTP ingest
/// feels when grains fall behind. Nothing survives the process.
/// </summary>
public sealed class InProcessQueues(int capacity)
{
    private readonly ConcurrentDictionary<QueueId, Channel<InProcessBatchContainer>> _queues = new();
    private readonly int _capacity = capacity;
    private long _sequence;

    /// <summary>A process-wide order of writes: sequence tokens grow within every queue.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public ChannelReader<InProcessBatchContainer> Reader(QueueId queue) => Queue(queue).Reader;

    public ValueTask WriteAsync(QueueId queue, InProcessBatchContainer container, CancellationToken cancellationToken) =>
        Queue(queue).Writer.WriteAsync(container, cancellationToken);

    private Channel<InProcessBatchContainer> Queue(QueueId queue) =>
        _queues.GetOrAdd(queue, _ => Channel.CreateBounded<InProcessBatchContainer>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        }));
}
