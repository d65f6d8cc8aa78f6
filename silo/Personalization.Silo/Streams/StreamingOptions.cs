using Personalization.Silo.Streams.Kafka;
using Personalization.Silo.Streams.Nats;

namespace Personalization.Silo.Streams;

/// <summary>
/// Which log carries the events and how it is consumed; configuration section <c>Streaming</c>.
/// Every default is documented in docs/streaming.md.
/// </summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    public const string Memory = "memory";
    public const string NatsProvider = "nats";
    public const string KafkaProvider = "kafka";

    /// <summary><c>memory</c> (embedded default, not durable), <c>nats</c> (JetStream) or <c>kafka</c>.</summary>
    public string Provider { get; set; } = Memory;

    /// <summary>Partitions of the log; one Orleans queue each. Must match the Kafka topic; never change it on a live log.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Kafka topic, or NATS subject prefix (subjects <c>{Topic}.{partition}</c>).</summary>
    public string Topic { get; set; } = "events";

    /// <summary>Dead-letter Kafka topic or NATS subject.</summary>
    public string DeadLetterTopic { get; set; } = "events-dead-letters";

    /// <summary>The consumer group whose committed offsets the silos share.</summary>
    public string ConsumerGroup { get; set; } = "personalization";

    /// <summary>Stream batches held per partition in the silo's queue cache: bounds memory, and reading pauses when it is full.</summary>
    public int CacheSize { get; set; } = 1024;

    /// <summary>
    /// With the <c>memory</c> provider: stream batches each in-process queue holds before publishers wait
    /// (the backpressure of the embedded mode). One batch is one publish's events for one grain.
    /// </summary>
    public int MemoryQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// With the <c>memory</c> provider: queued batches of one stream handed to its grain in one delivery
    /// (Orleans' <c>BatchContainerBatchSize</c>), so a busy grain takes its backlog in one call instead of
    /// one call per batch. The log providers keep one per delivery: their commits track each record.
    /// </summary>
    public int MemoryDeliveryBatch { get; set; } = 32;

    /// <summary>How often a partition's safe offset is committed at most (also at shutdown and rebalance).</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a partition asks the log how far behind it is (the lag metric).</summary>
    public TimeSpan LagRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long HTTP ingest and the MQTT bridge wait for the log to acknowledge a write. Past it HTTP answers
    /// 503 and the bridge leaves the device message unacknowledged; both are retried, deduplicated by messageId.
    /// </summary>
    public TimeSpan AppendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public NatsLogOptions Nats { get; set; } = new();

    public KafkaLogOptions Kafka { get; set; } = new();

    public static StreamingOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<StreamingOptions>() ?? new StreamingOptions();

    public bool UsesLog => !Provider.Equals(Memory, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (Provider.ToLowerInvariant() is not (Memory or NatsProvider or KafkaProvider))
            yield return $"Streaming:Provider '{Provider}' is unknown; use 'memory', 'nats' or 'kafka'.";
        if (Partitions is < 1 or > 4096) yield return $"Streaming:Partitions must be between 1 and 4096; got {Partitions}.";
        if (string.IsNullOrWhiteSpace(Topic) || Topic.IndexOfAny(['*', '>', ' ']) >= 0) yield return "Streaming:Topic must be a non-empty name without spaces or wildcards.";
        if (string.IsNullOrWhiteSpace(DeadLetterTopic) || DeadLetterTopic == Topic) yield return "Streaming:DeadLetterTopic must be set and differ from Streaming:Topic.";
        if (string.IsNullOrWhiteSpace(ConsumerGroup) || !ConsumerGroup.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            yield return "Streaming:ConsumerGroup must be letters, digits, '-' or '_'.";
        if (CacheSize < 20) yield return $"Streaming:CacheSize must be at least 20; got {CacheSize}.";
        if (MemoryQueueCapacity < 1) yield return $"Streaming:MemoryQueueCapacity must be at least 1; got {MemoryQueueCapacity}.";
        if (MemoryDeliveryBatch < 1) yield return $"Streaming:MemoryDeliveryBatch must be at least 1; got {MemoryDeliveryBatch}.";
        if (CommitInterval <= TimeSpan.Zero) yield return "Streaming:CommitInterval must be positive.";
        if (AppendTimeout <= TimeSpan.Zero) yield return "Streaming:AppendTimeout must be positive.";
        if (LagRefreshInterval <= TimeSpan.Zero) yield return "Streaming:LagRefreshInterval must be positive.";
        if (Provider.Equals(KafkaProvider, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(Kafka.BootstrapServers))
            yield return "Streaming:Kafka:BootstrapServers is required when Streaming:Provider is 'kafka' (for example 'broker1:9092,broker2:9092').";
    }
}
