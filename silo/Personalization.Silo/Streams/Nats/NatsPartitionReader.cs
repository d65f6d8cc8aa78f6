using NATS.Client.JetStream;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Streams.Nats;

/// <summary>
/// Reads one partition subject through an ephemeral consumer that starts at the reader's position. If
/// the consumer disappears (server restart, inactivity), the next read recreates it from the position
/// after the last record returned, so nothing is skipped and nothing is returned twice.
/// </summary>
public sealed class NatsPartitionReader(NatsLogTransport transport, int partition, long nextOffset) : ILogPartitionReader
{
    private INatsJSConsumer? _consumer;
    private long _next = nextOffset;

    public async Task<IReadOnlyList<LogRecord>> ReadAsync(int max, CancellationToken cancellationToken)
    {
        var consumer = _consumer ??= await transport.CreateReaderConsumerAsync(transport.StreamName, transport.Subject(partition), _next, cancellationToken);
        var records = new List<LogRecord>();
        try
        {
            await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = max }, cancellationToken: cancellationToken))
            {
                var offset = (long)msg.Metadata!.Value.Sequence.Stream;
                if (offset < _next) continue;
                string? key = null;
                if (msg.Headers?.TryGetValue(NatsLogTransport.KeyHeader, out var values) == true) key = values.ToString();
                records.Add(new LogRecord(partition, offset, key, msg.Data ?? []));
                _next = offset + 1;
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Consumer lost (server restarted: it lived in memory) or the connection broke mid-fetch, which can
            // surface as a cancelled internal channel: start a fresh consumer at _next on the next read.
            _consumer = null;
            if (records.Count == 0) throw;
        }

        return records;
    }

    public async Task<long> UnreadAsync(CancellationToken cancellationToken)
    {
        if (_consumer is null) return 0;
        try
        {
            await _consumer.RefreshAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _consumer = null;
            throw;
        }

        return (long)_consumer.Info.NumPending;
    }

    public async ValueTask DisposeAsync()
    {
        if (_consumer is null) return;
        try
        {
            await transport.DeleteConsumerAsync(_consumer.Info.Name);
        }
        catch (NATS.Client.Core.NatsException)
        {
            // Ephemeral: the server removes it after its inactivity threshold anyway.
        }

        _consumer = null;
    }
}
