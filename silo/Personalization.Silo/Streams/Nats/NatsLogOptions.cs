namespace Personalization.Silo.Streams.Nats;

/// <summary>NATS JetStream connection and names; configuration section <c>Streaming:Nats</c>.</summary>
public sealed class NatsLogOptions
{
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>User and password, or a token, or a .creds file; all empty: no authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }

    public string? CredsFile { get; set; }

    /// <summary>The JetStream stream holding subjects <c>{Topic}.*</c>.</summary>
    public string StreamName { get; set; } = "EVENTS";

    /// <summary>The JetStream stream holding the dead-letter subject.</summary>
    public string DeadLetterStreamName { get; set; } = "EVENTS_DEAD_LETTERS";

    /// <summary>The key-value bucket with committed offsets, keys <c>{ConsumerGroup}.{partition}</c>.</summary>
    public string OffsetBucket { get; set; } = "event-offsets";

    /// <summary>How long records are retained (the replay horizon).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>File (durable) or Memory storage for the streams.</summary>
    public string Storage { get; set; } = "file";

    public int Replicas { get; set; } = 1;
}
