using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Streams;
using Personalization.Events;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Log;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Streams;

/// <summary>A receiver over a real transport, wired as the stream provider wires it, for the contract tests.</summary>
public sealed class LogTestKit(ILogTransport transport, StreamingOptions options)
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public ILogTransport Transport => transport;

    public StreamingOptions Options => options;

    public PartitionRegistry Registry { get; } = new();

    public LogQueueReceiver Receiver(int partition)
    {
        var metrics = new StreamMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Registry);
        var validator = new EventValidator(new EventLimits(), TimeProvider.System);
        return new LogQueueReceiver(partition, transport, new LogRecordDecoder(validator), new DeliveredCheckpointGate(),
            new DeadLetterSink(transport, metrics, TimeProvider.System, NullLogger<DeadLetterSink>.Instance),
            Registry, metrics, options, TimeProvider.System, NullLogger<LogQueueReceiver>.Instance);
    }

    /// <summary>Appends public-JSON events for a key, in order; returns their message ids.</summary>
    public async Task<List<string>> AppendAsync(string key, int count, int firstMinute = 0)
    {
        var ids = new List<string>();
        var records = new List<OutgoingRecord>();
        for (var i = 0; i < count; i++)
        {
            var evt = TestEvents.Viewed(key, "p-" + key, minute: firstMinute + i);
            ids.Add((string)evt["messageId"]!);
            records.Add(OutgoingRecord.For(key, Encoding.UTF8.GetBytes(evt.ToJsonString()), null, options.Partitions));
        }

        await transport.AppendAsync(records, CancellationToken.None);
        return ids;
    }

    public Task AppendRawAsync(string key, string payload) =>
        transport.AppendAsync([OutgoingRecord.For(key, Encoding.UTF8.GetBytes(payload), null, options.Partitions)], CancellationToken.None);

    /// <summary>Reads until <paramref name="expected"/> batches arrived (the log is asynchronous only in its visibility).</summary>
    public static async Task<List<LogBatchContainer>> ReadAsync(LogQueueReceiver receiver, int expected)
    {
        var read = new List<LogBatchContainer>();
        await Eventually.Matches(async () =>
        {
            read.AddRange((await receiver.GetQueueMessagesAsync(100, CancellationToken.None)).Cast<LogBatchContainer>());
            return read.Count;
        }, count => count >= expected);
        return read;
    }

    /// <summary>The admin endpoint's view of a log, as a process that consumes none of its partitions has it.</summary>
    public static LogStreamStatusSource StatusOf(ILogTransport transport, StreamingOptions options)
    {
        var registry = new PartitionRegistry();
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new LogStreamStatusSource(transport, registry, new StreamMetrics(meters, registry), options);
    }

    public static async Task<List<LogRecord>> ReadRecordsAsync(ILogPartitionReader reader, int expected)
    {
        var read = new List<LogRecord>();
        await Eventually.Matches(async () =>
        {
            read.AddRange(await reader.ReadAsync(100, CancellationToken.None));
            return read.Count;
        }, count => count >= expected);
        return read;
    }

    public static Task Deliver(LogQueueReceiver receiver, IEnumerable<LogBatchContainer> containers) =>
        receiver.MessagesDeliveredAsync([.. containers.Cast<IBatchContainer>()], CancellationToken.None);
}
