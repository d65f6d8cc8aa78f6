using System.Text;
using Confluent.Kafka;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Streams.Kafka;

/// <summary>
/// Reads one partition with its own consumer, assigned manually at the reader's position (no group
/// subscription, so Kafka never rebalances it away: Orleans decides which silo reads which partition).
/// </summary>
public sealed class KafkaPartitionReader : ILogPartitionReader
{
    private readonly int _partition;
    private readonly TimeSpan _pollTimeout;
    private readonly TopicPartition _topicPartition;
    private readonly IConsumer<byte[], byte[]> _consumer;

    public KafkaPartitionReader(KafkaLogTransport transport, int partition, long nextOffset, TimeSpan pollTimeout)
    {
        _partition = partition;
        _pollTimeout = pollTimeout;
        _topicPartition = transport.Partition(partition);
        _consumer = new ConsumerBuilder<byte[], byte[]>(transport.ConsumerConfig()).Build();
        _consumer.Assign(new TopicPartitionOffset(_topicPartition, nextOffset > 0 ? new Offset(nextOffset) : Offset.Beginning));
    }

    public Task<IReadOnlyList<LogRecord>> ReadAsync(int max, CancellationToken cancellationToken) => Task.Run<IReadOnlyList<LogRecord>>(() =>
    {
        var records = new List<LogRecord>();
        var wait = _pollTimeout;
        while (records.Count < max && !cancellationToken.IsCancellationRequested && _consumer.Consume(wait) is { } result)
        {
            var key = result.Message.Key is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
            records.Add(new LogRecord(_partition, result.Offset.Value, key, result.Message.Value ?? []));
            wait = TimeSpan.Zero;
        }

        return records;
    }, cancellationToken);

    public Task<long> UnreadAsync(CancellationToken cancellationToken)
    {
        var marks = _consumer.GetWatermarkOffsets(_topicPartition);
        var position = _consumer.Position(_topicPartition);
        if (marks.High == Offset.Unset || position == Offset.Unset) return Task.FromResult(0L);
        return Task.FromResult(Math.Max(0, marks.High.Value - position.Value));
    }

    public ValueTask DisposeAsync()
    {
        _consumer.Close();
        _consumer.Dispose();
        return ValueTask.CompletedTask;
    }
}
