using Personalization.Api.Streams;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Answers the admin endpoint from the log itself (committed offsets and record counts per partition, retained dead letters),
/// so every process sees the whole cluster's lag, plus what this silo knows of the partitions it reads.
/// </summary>
public sealed class LogStreamStatusSource(ILogTransport transport, PartitionRegistry registry, StreamMetrics metrics, StreamingOptions options) : IStreamStatusSource
{
    public async Task<StreamStatus> GetAsync(CancellationToken cancellationToken)
    {
        await transport.EnsureReadyAsync(cancellationToken);
        var partitions = new PartitionStatus[transport.Partitions];
        await Parallel.ForAsync(0, transport.Partitions, cancellationToken, async (partition, ct) =>
        {
            var committed = await transport.LoadCommittedAsync(partition, ct);
            var lag = await transport.CountFromAsync(partition, committed ?? 0, ct);
            var local = registry.Find(partition)?.State;
            partitions[partition] = new PartitionStatus(partition, committed, lag, local is not null, local?.InFlight);
        });
        var deadLetters = await transport.CountDeadLettersAsync(cancellationToken);
        return new StreamStatus(transport.Name, options.Topic, options.ConsumerGroup, partitions.Sum(p => p.Lag), options.DeadLetterTopic, deadLetters, metrics.RecordsRead, partitions);
    }
}
