using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Log;
using Personalization.Silo.Streams.Nats;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Streams;

/// <summary>The log contract against a real nats-server with JetStream.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsLogContractTests(NatsServer nats) : LogContract, IAsyncLifetime
{
    private readonly List<NatsLogTransport> _transports = [];

    protected override async Task<LogTestKit> CreateAsync(int partitions)
    {
        var options = Options(StreamingOptions.NatsProvider, partitions);
        var id = options.ConsumerGroup[6..];
        options.Nats = new NatsLogOptions { Url = nats.Url, StreamName = "EV_" + id, DeadLetterStreamName = "DL_" + id, OffsetBucket = "offsets-" + id };
        var transport = new NatsLogTransport(options);
        _transports.Add(transport);
        await transport.EnsureReadyAsync(CancellationToken.None);
        return new LogTestKit(transport, options);
    }

    [Fact]
    public Task Order_is_kept_per_key() => OrderIsKeptPerKey();

    [Fact]
    public Task Replay_starts_at_a_stored_position() => ReplayStartsAtAStoredPosition();

    [Fact]
    public Task Bad_records_go_to_dead_letters_and_the_partition_flows() => BadRecordsGoToDeadLettersAndThePartitionFlows();

    [Fact]
    public Task Commits_never_pass_an_undelivered_event() => CommitsNeverPassAnUndeliveredEvent();

    [Fact]
    public Task A_restarted_consumer_loses_nothing() => ARestartedConsumerLosesNothing();

    [Fact]
    public Task A_retried_append_succeeds() => ARetriedAppendSucceeds();

    /// <summary>JetStream knows a repeated dead letter by its source record id and keeps one.</summary>
    [Fact]
    public async Task A_record_dead_lettered_again_after_a_replay_is_kept_once()
    {
        var kit = await CreateAsync(partitions: 1);
        var letter = new DeadLetter("not-json", "broken", DeadLetterSources.Log, 0, 42, "k", "{ broken", DateTimeOffset.UtcNow);

        Assert.True(await kit.Transport.WriteDeadLetterAsync(letter, CancellationToken.None));
        Assert.False(await kit.Transport.WriteDeadLetterAsync(letter with { At = DateTimeOffset.UtcNow }, CancellationToken.None));
        Assert.True(await kit.Transport.WriteDeadLetterAsync(letter with { Offset = 43 }, CancellationToken.None));
        Assert.Equal(2, await kit.Transport.CountDeadLettersAsync(CancellationToken.None));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports) await transport.DisposeAsync();
    }
}
