namespace Personalization.Silo.Streams.Log;

/// <summary>One record read from a partition of the log: its offset, its key (when the producer gave one) and the raw JSON event.</summary>
public sealed record LogRecord(int Partition, long Offset, string? Key, ReadOnlyMemory<byte> Payload);

/// <summary>
/// One record to append. <see cref="MessageId"/> lets a log that deduplicates producer retries (JetStream's
/// Nats-Msg-Id) drop a resent record; grains drop duplicates by message id in any case.
/// </summary>
public sealed record OutgoingRecord(int Partition, string Key, ReadOnlyMemory<byte> Payload, string? MessageId)
{
    public static OutgoingRecord For(string key, ReadOnlyMemory<byte> payload, string? messageId, int partitions) =>
        new(LogPartitioner.PartitionOf(key, partitions), key, payload, messageId);
}
