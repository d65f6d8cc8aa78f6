using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Streams.Kafka;

/// <summary>
/// The log on Kafka. Partition p of the topic is queue p; we choose the partition ourselves with
/// <see cref="LogPartitioner"/> (Java's murmur2), so our records land where Java producers' would.
/// Consumers are assigned partitions by Orleans' queue balancer (never by a Kafka group rebalance); the
/// consumer group only names where offsets are committed. The producer is idempotent with acks=all,
/// so "appended" means written to every in-sync replica.
/// </summary>
public sealed class KafkaLogTransport : ILogTransport
{
    private readonly StreamingOptions _options;
    private readonly KafkaLogOptions _kafka;
    private readonly ClientConfig _client;
    private readonly IProducer<string, byte[]> _producer;
    private readonly IConsumer<byte[], byte[]> _offsets;
    private readonly SemaphoreSlim _readyLock = new(1, 1);
    private volatile bool _ready;

    public KafkaLogTransport(StreamingOptions options)
    {
        _options = options;
        _kafka = options.Kafka;
        _client = KafkaClientConfig.From(_kafka);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig(_client)
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            // A record the brokers did not take within the append timeout fails rather than lingering for minutes.
            MessageTimeoutMs = (int)Math.Min(int.MaxValue, options.AppendTimeout.TotalMilliseconds),
        }).Build();
        _offsets = new ConsumerBuilder<byte[], byte[]>(ConsumerConfig()).Build();
    }

    public string Name => StreamingOptions.KafkaProvider;

    public int Partitions => _options.Partitions;

    internal ConsumerConfig ConsumerConfig() => new(_client)
    {
        GroupId = _options.ConsumerGroup,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnablePartitionEof = false,
    };

    internal TopicPartition Partition(int partition) => new(_options.Topic, new Partition(partition));

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready) return;
        await _readyLock.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            using var admin = new AdminClientBuilder(_client).Build();
            if (_kafka.CreateTopics)
            {
                try
                {
                    await admin.CreateTopicsAsync(
                    [
                        new TopicSpecification { Name = _options.Topic, NumPartitions = _options.Partitions, ReplicationFactor = _kafka.ReplicationFactor },
                        new TopicSpecification { Name = _options.DeadLetterTopic, NumPartitions = 1, ReplicationFactor = _kafka.ReplicationFactor },
                    ]);
                }
                catch (CreateTopicsException exception) when (exception.Results.All(r => r.Error.Code is Confluent.Kafka.ErrorCode.NoError or Confluent.Kafka.ErrorCode.TopicAlreadyExists))
                {
                    // Already there: fine, the partition count is checked below.
                }
            }

            var metadata = admin.GetMetadata(_options.Topic, TimeSpan.FromSeconds(10));
            var found = metadata.Topics.SingleOrDefault(t => t.Topic == _options.Topic);
            if (found is null || found.Error.IsError || found.Partitions.Count != _options.Partitions)
            {
                throw new InvalidOperationException(
                    $"Kafka topic '{_options.Topic}' has {found?.Partitions.Count ?? 0} partitions ({found?.Error.Reason ?? "missing"}); Streaming:Partitions is {_options.Partitions}. " +
                    "Make them agree: a different count would move shoppers to other partitions.");
            }

            _ready = true;
        }
        catch (KafkaException exception)
        {
            throw new InvalidOperationException($"Could not reach Kafka at {_kafka.BootstrapServers}: {exception.Error.Reason}. Check Streaming:Kafka.", exception);
        }
        finally
        {
            _readyLock.Release();
        }
    }

    /// <summary>Produced in call order; the idempotent producer keeps that order per partition even with retries.</summary>
    public async Task AppendAsync(IReadOnlyList<OutgoingRecord> records, CancellationToken cancellationToken)
    {
        var pending = new List<Task<DeliveryResult<string, byte[]>>>(records.Count);
        foreach (var record in records)
        {
            var message = new Message<string, byte[]> { Key = record.Key, Value = record.Payload.ToArray() };
            if (record.MessageId is not null) message.Headers = new Headers { { "message-id", Encoding.UTF8.GetBytes(record.MessageId) } };
            pending.Add(_producer.ProduceAsync(Partition(record.Partition), message, cancellationToken));
        }

        foreach (var result in await Task.WhenAll(pending))
        {
            if (result.Status != PersistenceStatus.Persisted)
                throw new InvalidOperationException($"Kafka did not confirm the record at {result.TopicPartitionOffset} ({result.Status}).");
        }
    }

    public Task<long?> LoadCommittedAsync(int partition, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var committed = _offsets.Committed([Partition(partition)], TimeSpan.FromSeconds(10)).Single();
        return committed.Offset == Offset.Unset ? (long?)null : committed.Offset.Value;
    }, cancellationToken);

    public Task CommitAsync(int partition, long nextOffset, CancellationToken cancellationToken) => Task.Run(() =>
        _offsets.Commit([new TopicPartitionOffset(Partition(partition), new Offset(nextOffset))]), cancellationToken);

    public Task<ILogPartitionReader> OpenReaderAsync(int partition, long nextOffset, CancellationToken cancellationToken) =>
        Task.FromResult<ILogPartitionReader>(new KafkaPartitionReader(this, partition, nextOffset, _kafka.PollTimeout));

    public Task<long> CountFromAsync(int partition, long nextOffset, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var marks = _offsets.QueryWatermarkOffsets(Partition(partition), TimeSpan.FromSeconds(10));
        return Math.Max(0, marks.High.Value - Math.Max(nextOffset, marks.Low.Value));
    }, cancellationToken);

    /// <summary>
    /// Kafka cannot refuse a repeat, so a record replayed after a handover may be dead-lettered twice; the
    /// letter's key is its source record id, so readers (and a compacted topic) keep one per record.
    /// </summary>
    public async Task<bool> WriteDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var message = new Message<string, byte[]> { Key = letter.SourceRecordId ?? letter.Key ?? "", Value = JsonSerializer.SerializeToUtf8Bytes(letter) };
        var result = await _producer.ProduceAsync(_options.DeadLetterTopic, message, cancellationToken);
        if (result.Status != PersistenceStatus.Persisted) throw new InvalidOperationException($"Kafka did not confirm the dead letter ({result.Status}).");
        return true;
    }

    public Task<long> CountDeadLettersAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var admin = new AdminClientBuilder(_client).Build();
        var partitions = admin.GetMetadata(_options.DeadLetterTopic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        return partitions.Sum(p =>
        {
            var marks = _offsets.QueryWatermarkOffsets(new TopicPartition(_options.DeadLetterTopic, new Partition(p.PartitionId)), TimeSpan.FromSeconds(10));
            return marks.High.Value - marks.Low.Value;
        });
    }, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken) => Task.Run<IReadOnlyList<DeadLetter>>(() =>
    {
        using var admin = new AdminClientBuilder(_client).Build();
        var partitions = admin.GetMetadata(_options.DeadLetterTopic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ConsumerConfig()).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(_options.DeadLetterTopic, new Partition(p.PartitionId), Offset.Beginning)));
        var letters = new List<DeadLetter>();
        while (letters.Count < max && !cancellationToken.IsCancellationRequested && consumer.Consume(TimeSpan.FromSeconds(1)) is { } result)
        {
            if (JsonSerializer.Deserialize<DeadLetter>(result.Message.Value) is { } letter) letters.Add(letter);
        }

        return letters;
    }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
        _offsets.Close();
        _offsets.Dispose();
        _readyLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
