namespace Personalization.Api.Streams;

/// <summary>Where the ingestion log stands, for operators: per partition, committed position and lag.</summary>
public interface IStreamStatusSource
{
    Task<StreamStatus> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The ingestion log as a whole. <see cref="DeadLetters"/> counts the dead letters the log retains in
/// <see cref="DeadLetterTopic"/>. <see cref="RecordsReadHere"/> counts the records this process's silo read
/// since it started, replays included. <see cref="Partitions"/> is empty for the in-memory provider.
/// </summary>
public sealed record StreamStatus(
    string Provider, string? Topic, string? ConsumerGroup, long TotalLag, string? DeadLetterTopic, long DeadLetters, long RecordsReadHere,
    IReadOnlyList<PartitionStatus> Partitions);

/// <summary>
/// One partition: <see cref="CommittedOffset"/> is the committed next offset (null: never committed);
/// <see cref="Lag"/> the records at or after it; <see cref="ConsumedHere"/> whether this process's silo reads it,
/// and then <see cref="InFlight"/> the records read but not yet delivered to every grain.
/// </summary>
public sealed record PartitionStatus(int Partition, long? CommittedOffset, long Lag, bool ConsumedHere, int? InFlight);
