namespace Personalization.Silo.Streams.Kafka;

/// <summary>Kafka connection and security; configuration section <c>Streaming:Kafka</c>.</summary>
public sealed class KafkaLogOptions
{
    /// <summary>Comma-separated <c>host:port</c> list; required with the kafka provider.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>plaintext, ssl, sasl_plaintext or sasl_ssl.</summary>
    public string SecurityProtocol { get; set; } = "plaintext";

    /// <summary>plain, scram-sha-256, scram-sha-512 (with SaslUsername/SaslPassword), or empty.</summary>
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>CA certificate file that signs the brokers' certificates (ssl, sasl_ssl).</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Create the topic and the dead-letter topic when missing, with <see cref="ReplicationFactor"/>.</summary>
    public bool CreateTopics { get; set; } = true;

    public short ReplicationFactor { get; set; } = 1;

    /// <summary>How long a consumer poll waits for a record when the partition is idle.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(50);
}
