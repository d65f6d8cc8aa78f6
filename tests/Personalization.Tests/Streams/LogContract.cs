using System.Text.Json;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Log;
using Personalization.Streams;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Streams;

/// <summary>
/// The contract every log transport keeps (ordering per key, replay from a stored position, dead letters,
/// commit only when safe, consumer restart without loss). Each transport's test class runs every check
/// against a real server; the checks create their own topic names, so they never see each other's records.
/// </summary>
public abstract class LogContract
{
    /// <summary>A transport on fresh, uniquely named topics, with one partition count and a zero commit interval.</summary>
    protected abstract Task<LogTestKit> CreateAsync(int partitions);

    protected async Task OrderIsKeptPerKey()
    {
        var kit = await CreateAsync(partitions: 4);
        var keys = Enumerable.Range(0, 6).Select(i => TestEvents.Unique("shopper")).ToList();
        var expected = keys.ToDictionary(k => k, _ => new List<string>());
        for (var round = 0; round < 5; round++)
        {
            foreach (var key in keys) expected[key].AddRange(await kit.AppendAsync(key, 3, round * 3));
        }

        var seen = keys.ToDictionary(k => k, _ => new List<string>());
        for (var partition = 0; partition < 4; partition++)
        {
            var onPartition = keys.Where(k => LogPartitioner.PartitionOf(k, 4) == partition).ToList();
            await using var reader = await kit.Transport.OpenReaderAsync(partition, 0, CancellationToken.None);
            var records = await LogTestKit.ReadRecordsAsync(reader, onPartition.Count * 15);
            Assert.Equal(onPartition.Count * 15, records.Count);
            Assert.True(records.Zip(records.Skip(1)).All(pair => pair.First.Offset < pair.Second.Offset), "offsets must grow within a partition");
            foreach (var record in records)
            {
                using var json = JsonDocument.Parse(record.Payload);
                var key = json.RootElement.GetProperty("userId").GetString()!;
                Assert.Equal(partition, LogPartitioner.PartitionOf(key, 4));
                Assert.Equal(key, record.Key);
                seen[key].Add(json.RootElement.GetProperty("messageId").GetString()!);
            }
        }

        foreach (var key in keys) Assert.Equal(expected[key], seen[key]);
    }

    protected async Task ReplayStartsAtAStoredPosition()
    {
        var kit = await CreateAsync(partitions: 1);
        var ids = await kit.AppendAsync(TestEvents.Unique("shopper"), 10);
        await using (var reader = await kit.Transport.OpenReaderAsync(0, 0, CancellationToken.None))
        {
            var all = await LogTestKit.ReadRecordsAsync(reader, 10);
            await kit.Transport.CommitAsync(0, all[6].Offset, CancellationToken.None);
        }

        var stored = await kit.Transport.LoadCommittedAsync(0, CancellationToken.None);
        Assert.NotNull(stored);
        await using var replay = await kit.Transport.OpenReaderAsync(0, stored.Value, CancellationToken.None);
        var replayed = await LogTestKit.ReadRecordsAsync(replay, 4);
        Assert.Equal(ids[6..], replayed.Select(MessageId));
        Assert.Empty(await replay.ReadAsync(10, CancellationToken.None));
        Assert.Equal(4, await kit.Transport.CountFromAsync(0, stored.Value, CancellationToken.None));
    }

    protected async Task BadRecordsGoToDeadLettersAndThePartitionFlows()
    {
        var kit = await CreateAsync(partitions: 1);
        var shopper = TestEvents.Unique("shopper");
        await kit.AppendRawAsync(shopper, "this is { not json");
        await kit.AppendRawAsync(shopper, """{"type":"track","event":"Product Teleported","messageId":"m-1","userId":"u","timestamp":"2026-11-01T12:00:00Z"}""");
        var good = await kit.AppendAsync(shopper, 1);

        var receiver = kit.Receiver(0);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var containers = await LogTestKit.ReadAsync(receiver, 3);
        Assert.Equal(3, containers.Count);
        Assert.All(containers, c => Assert.Equal(good[0], c.Event.MessageId));
        Assert.Equal([EventStreams.Customers, EventStreams.Sessions, EventStreams.Products], containers.Select(c => c.StreamId.GetNamespace()));

        var letters = await Eventually.Matches(() => kit.Transport.ReadDeadLettersAsync(10, CancellationToken.None), l => l.Count >= 2);
        Assert.Equal(["not-json", "unknown-event"], letters.Select(l => l.Reason));
        Assert.All(letters, l => Assert.Equal(0, l.Partition));
        Assert.Equal("this is { not json", letters[0].Payload);
        Assert.True(letters[0].Offset < letters[1].Offset && letters[1].Offset < containers[0].Offset);
        Assert.Contains("event", letters[1].Detail);

        await LogTestKit.Deliver(receiver, containers);
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(containers[0].Offset + 1, await kit.Transport.LoadCommittedAsync(0, CancellationToken.None));
    }

    protected async Task CommitsNeverPassAnUndeliveredEvent()
    {
        var kit = await CreateAsync(partitions: 1);
        await kit.AppendAsync(TestEvents.Unique("shopper"), 3);
        var receiver = kit.Receiver(0);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var containers = await LogTestKit.ReadAsync(receiver, 9);
        var offsets = containers.Select(c => c.Offset).Distinct().ToList();
        Assert.Equal(3, offsets.Count);

        // Records 2 and 3 delivered, record 1's product batch not: nothing may be committed yet.
        var firstProduct = containers.Single(c => c.Offset == offsets[0] && c.StreamId.GetNamespace() == EventStreams.Products);
        await LogTestKit.Deliver(receiver, containers.Where(c => c != firstProduct));
        Assert.Equal(offsets[0], receiver.State.SafeNextOffset);
        var committed = await kit.Transport.LoadCommittedAsync(0, CancellationToken.None);
        Assert.True(committed is null || committed <= offsets[0], $"committed {committed} passed undelivered offset {offsets[0]}");

        // The failed batch is dead-lettered through the failure handler, and only then the commit moves past it.
        var handler = new LogDeliveryFailureHandler(0, kit.Registry);
        await handler.OnDeliveryFailure(Orleans.Runtime.GuidId.GetNewGuidId(), EventStreams.ProviderName, firstProduct.StreamId, firstProduct.SequenceToken);
        await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(offsets[2] + 1, await kit.Transport.LoadCommittedAsync(0, CancellationToken.None));
        var letter = Assert.Single(await kit.Transport.ReadDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal((DeadLetterReasons.DeliveryFailed, offsets[0]), (letter.Reason, letter.Offset));
        Assert.Contains(firstProduct.StreamId.ToString(), letter.Detail);
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    protected async Task ARestartedConsumerLosesNothing()
    {
        var kit = await CreateAsync(partitions: 1);
        var ids = await kit.AppendAsync(TestEvents.Unique("shopper"), 8);
        var first = kit.Receiver(0);
        await first.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var containers = await LogTestKit.ReadAsync(first, 24);
        var offsets = containers.Select(c => c.Offset).Distinct().ToList();

        // The first consumer delivered records 1-3 and record 5, then stopped mid-stream.
        await LogTestKit.Deliver(first, containers.Where(c => c.Offset <= offsets[2] || c.Offset == offsets[4]));
        await first.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);

        var second = kit.Receiver(0);
        await second.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var resumed = await LogTestKit.ReadAsync(second, 15);
        Assert.Equal(ids[3..], resumed.Select(c => c.Event.MessageId).Distinct());
        Assert.Equal(15, resumed.Count);
        await LogTestKit.Deliver(second, resumed);
        await second.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(offsets[7] + 1, await kit.Transport.LoadCommittedAsync(0, CancellationToken.None));
    }

    /// <summary>
    /// A producer that retries after a lost acknowledgement appends a record the log may already hold: the
    /// retry succeeds (a log that deduplicates by message id keeps one copy; grains drop the other by id).
    /// </summary>
    protected async Task ARetriedAppendSucceeds()
    {
        var kit = await CreateAsync(partitions: 1);
        var key = TestEvents.Unique("shopper");
        var evt = TestEvents.Viewed(key, "p-" + key, minute: 1);
        var record = OutgoingRecord.For(key, System.Text.Encoding.UTF8.GetBytes(evt.ToJsonString()), (string)evt["messageId"]!, 1);

        await kit.Transport.AppendAsync([record], CancellationToken.None);
        await kit.Transport.AppendAsync([record], CancellationToken.None);
        var after = await kit.AppendAsync(key, 1, firstMinute: 2);

        await using var reader = await kit.Transport.OpenReaderAsync(0, 0, CancellationToken.None);
        var records = await LogTestKit.ReadRecordsAsync(reader, 2);
        Assert.InRange(records.Count(r => MessageId(r) == (string)evt["messageId"]!), 1, 2);
        Assert.Equal(after[0], MessageId(records[^1]));
    }

    private static string MessageId(LogRecord record)
    {
        using var json = JsonDocument.Parse(record.Payload);
        return json.RootElement.GetProperty("messageId").GetString()!;
    }

    protected static StreamingOptions Options(string provider, int partitions)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new StreamingOptions
        {
            Provider = provider,
            Partitions = partitions,
            Topic = "events-" + id,
            DeadLetterTopic = "dead-" + id,
            ConsumerGroup = "group-" + id,
            CommitInterval = TimeSpan.FromTicks(1),
        };
    }
}
