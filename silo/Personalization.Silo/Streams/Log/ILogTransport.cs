namespace Personalization.Silo.Streams.Log;

/// <summary>
/// What the stream provider needs from a partitioned, replayable log. Offsets are positions within a
/// partition that only grow; "next offset" is the position of the first record not yet consumed, the
/// value that is committed. Implemented by the NATS JetStream and Kafka transports.
/// </summary>
public interface ILogTransport : IAsyncDisposable
{
    /// <summary>"nats" or "kafka", for logs, metrics and the admin endpoint.</summary>
    string Name { get; }

    int Partitions { get; }

    /// <summary>Creates what is missing (streams, topics, offset store); safe to call repeatedly.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken);

    /// <summary>Appends the records; completes when the log has durably accepted every one. Order holds per partition.</summary>
    Task AppendAsync(IReadOnlyList<OutgoingRecord> records, CancellationToken cancellationToken);

    /// <summary>The committed next offset of the partition for our consumer group; null when nothing was ever committed.</summary>
    Task<long?> LoadCommittedAsync(int partition, CancellationToken cancellationToken);

    Task CommitAsync(int partition, long nextOffset, CancellationToken cancellationToken);

    /// <summary>A reader positioned at <paramref name="nextOffset"/> (0: the earliest record still retained).</summary>
    Task<ILogPartitionReader> OpenReaderAsync(int partition, long nextOffset, CancellationToken cancellationToken);

    /// <summary>How many records of the partition lie at or after <paramref name="nextOffset"/>: the lag behind a commit.</summary>
    Task<long> CountFromAsync(int partition, long nextOffset, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the letter; false when the log recognised it as a repeat of a letter already written for the
    /// same source record (<see cref="DeadLetter.SourceRecordId"/>), so replays do not count twice.
    /// </summary>
    Task<bool> WriteDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Dead letters the log still retains (the admin endpoint; the metric counts this process's writes).</summary>
    Task<long> CountDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>Reads dead letters from the oldest retained one (operators and tests).</summary>
    Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken);
}

/// <summary>Reads one partition in offset order. Not thread-safe: one receiver owns it.</summary>
public interface ILogPartitionReader : IAsyncDisposable
{
    /// <summary>Up to <paramref name="max"/> records; returns quickly (possibly empty) when none are waiting.</summary>
    Task<IReadOnlyList<LogRecord>> ReadAsync(int max, CancellationToken cancellationToken);

    /// <summary>Records in the log after the last one read: the part of the lag the reader has not fetched.</summary>
    Task<long> UnreadAsync(CancellationToken cancellationToken);
}
