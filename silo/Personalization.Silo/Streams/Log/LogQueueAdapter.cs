using Orleans.Runtime;
using Orleans.Streams;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// The Orleans side of the log: read-only, because producers write the public JSON contract to the log
/// itself (HTTP ingest through <see cref="LogEventPublisher"/>, the MQTT bridge, external producers).
/// One queue per partition.
/// </summary>
public sealed class LogQueueAdapter(string name, HashRingBasedPartitionedStreamQueueMapper mapper, Func<int, LogQueueReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    /// <summary>Not rewindable through Orleans: replay is from the committed offset, by the receiver.</summary>
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException(
            $"Stream provider '{name}' reads the event log; write events with IEventPublisher (or to the log directly), not with stream.OnNextAsync.");

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(PartitionOf(mapper, queueId));

    public static int PartitionOf(HashRingBasedPartitionedStreamQueueMapper mapper, QueueId queueId) =>
        int.Parse(mapper.QueueToPartition(queueId), System.Globalization.CultureInfo.InvariantCulture);
}
