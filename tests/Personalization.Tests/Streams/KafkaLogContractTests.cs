using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Kafka;

namespace Personalization.Tests.Streams;

/// <summary>
/// The same log contract against a Kafka broker named by KAFKA_BOOTSTRAP_SERVERS. No broker can be
/// installed on the build machines, so without that variable every check is reported as skipped, saying so.
/// </summary>
public sealed class KafkaLogContractTests : LogContract, IAsyncLifetime
{
    private readonly List<KafkaLogTransport> _transports = [];

    protected override async Task<LogTestKit> CreateAsync(int partitions)
    {
        var options = Options(StreamingOptions.KafkaProvider, partitions);
        options.Kafka = new KafkaLogOptions { BootstrapServers = KafkaFactAttribute.BootstrapServers };
        var transport = new KafkaLogTransport(options);
        _transports.Add(transport);
        await transport.EnsureReadyAsync(CancellationToken.None);
        return new LogTestKit(transport, options);
    }

    [KafkaFact]
    public Task Order_is_kept_per_key() => OrderIsKeptPerKey();

    [KafkaFact]
    public Task A_retried_append_succeeds() => ARetriedAppendSucceeds();

    [KafkaFact]
    public Task Replay_starts_at_a_stored_position() => ReplayStartsAtAStoredPosition();

    [KafkaFact]
    public Task Bad_records_go_to_dead_letters_and_the_partition_flows() => BadRecordsGoToDeadLettersAndThePartitionFlows();

    [KafkaFact]
    public Task Commits_never_pass_an_undelivered_event() => CommitsNeverPassAnUndeliveredEvent();

    [KafkaFact]
    public Task A_restarted_consumer_loses_nothing() => ARestartedConsumerLosesNothing();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports) await transport.DisposeAsync();
    }
}

/// <summary>A test that needs a Kafka broker: skipped, with that reason, when KAFKA_BOOTSTRAP_SERVERS is not set.</summary>
public sealed class KafkaFactAttribute : FactAttribute
{
    public static string? BootstrapServers => Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");

    public KafkaFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            Skip = "NOT EXERCISED: KAFKA_BOOTSTRAP_SERVERS is not set, so the Kafka run of the log contract tests did not run (no broker can be installed here).";
    }
}
