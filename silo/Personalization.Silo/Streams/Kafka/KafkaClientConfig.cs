using Confluent.Kafka;

namespace Personalization.Silo.Streams.Kafka;

/// <summary>Builds the librdkafka settings shared by producer, consumers and admin client (brokers, TLS, SASL).</summary>
public static class KafkaClientConfig
{
    public static ClientConfig From(KafkaLogOptions kafka)
    {
        var config = new ClientConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            SecurityProtocol = Parse<SecurityProtocol>(kafka.SecurityProtocol, "Streaming:Kafka:SecurityProtocol"),
        };
        if (!string.IsNullOrWhiteSpace(kafka.SaslMechanism))
        {
            config.SaslMechanism = Parse<SaslMechanism>(kafka.SaslMechanism, "Streaming:Kafka:SaslMechanism");
            config.SaslUsername = kafka.SaslUsername;
            config.SaslPassword = kafka.SaslPassword;
        }

        if (!string.IsNullOrWhiteSpace(kafka.SslCaLocation)) config.SslCaLocation = kafka.SslCaLocation;
        return config;
    }

    /// <summary>Accepts the librdkafka spellings (sasl_ssl, scram-sha-256) as well as the enum names.</summary>
    private static T Parse<T>(string value, string setting) where T : struct, Enum =>
        Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{setting} '{value}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
}
