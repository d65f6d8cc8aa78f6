using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Personalization.Silo.Streams.Log;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Personalization.Grains;
using Personalization.Silo.Hosting;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Nats;

namespace Personalization.Tests.Streams;

/// <summary>
/// A two-silo test cluster whose event streams are on a real NATS JetStream log (fresh names per
/// cluster) and whose grain state is in a temp directory.
/// </summary>
public sealed class LogCluster : IAsyncDisposable
{
    private readonly string _directory;

    private LogCluster(InProcessTestCluster cluster, StreamingOptions options, string directory)
    {
        Cluster = cluster;
        Options = options;
        _directory = directory;
    }

    public InProcessTestCluster Cluster { get; }

    public StreamingOptions Options { get; }

    public static StreamingOptions OptionsFor(string natsUrl)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new StreamingOptions
        {
            Provider = StreamingOptions.NatsProvider,
            Partitions = 4,
            Topic = "ev-" + id,
            DeadLetterTopic = "dl-" + id,
            ConsumerGroup = "g-" + id,
            CommitInterval = TimeSpan.FromMilliseconds(100),
            LagRefreshInterval = TimeSpan.FromMilliseconds(100),
            Nats = new NatsLogOptions { Url = natsUrl, StreamName = "EV_" + id, DeadLetterStreamName = "DL_" + id, OffsetBucket = "off-" + id },
        };
    }

    public static async Task<LogCluster> StartAsync(StreamingOptions options)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cluster-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "local",
            ["Storage:Directory"] = directory,
            // Commits follow flushed snapshots (docs/durability.md): flush often so lag drains within a test's patience.
            ["Snapshots:FlushInterval"] = "00:00:01",
            ["Streaming:Provider"] = options.Provider,
            ["Streaming:Partitions"] = options.Partitions.ToString(CultureInfo.InvariantCulture),
            ["Streaming:Topic"] = options.Topic,
            ["Streaming:DeadLetterTopic"] = options.DeadLetterTopic,
            ["Streaming:ConsumerGroup"] = options.ConsumerGroup,
            ["Streaming:CommitInterval"] = options.CommitInterval.ToString(),
            ["Streaming:LagRefreshInterval"] = options.LagRefreshInterval.ToString(),
            ["Streaming:Nats:Url"] = options.Nats.Url,
            ["Streaming:Nats:StreamName"] = options.Nats.StreamName,
            ["Streaming:Nats:DeadLetterStreamName"] = options.Nats.DeadLetterStreamName,
            ["Streaming:Nats:OffsetBucket"] = options.Nats.OffsetBucket,
        }).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddPersonalization(configuration));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LogCluster(cluster, options, directory);
    }

    public async Task<long> ViewsOf(string productId)
    {
        var view = await Cluster.Client.GetGrain<IProductGrain>(productId).GetView();
        return view.EventCounts.GetValueOrDefault("Product Viewed");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// A plain NATS client writing the public JSON contract the way a careful non-Orleans service would: subject by
/// Kafka's partitioner over the shopper key, the event's messageId as Nats-Msg-Id, and a retry when the server's
/// acknowledgement does not come in time (JetStream stores a retried message once).
/// </summary>
public sealed class ExternalProducer(StreamingOptions options) : IAsyncDisposable
{
    private const int Attempts = 5;
    private readonly NatsConnection _connection = new(NatsOpts.Default with { Url = options.Nats.Url });

    public async Task PublishAsync(string key, string json)
    {
        var js = new NatsJSContext(_connection);
        var subject = $"{options.Topic}.{LogPartitioner.PartitionOf(key, options.Partitions)}";
        var messageId = MessageIdOf(json);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var ack = await js.PublishAsync(subject, Encoding.UTF8.GetBytes(json), opts: new NatsJSPubOpts { MsgId = messageId });
                ack.EnsureSuccess();
                return;
            }
            catch (NatsJSPublishNoResponseException) when (attempt < Attempts)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The event's messageId; none for a payload that is not an event (the tests also write garbage).</summary>
    private static string? MessageIdOf(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject evt && evt["messageId"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
