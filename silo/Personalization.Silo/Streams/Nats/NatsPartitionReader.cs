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
    /// <summary>
    /// A no-wait fetch answers at once; one whose request or reply was lost in a reconnect would otherwise
    /// wait for the client's 30 s fetch expiry, stalling the partition. Past this, the consumer is recreated.
    /// </summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private INatsJSConsumer? _consumer;
    private long _next = nextOffset;

    public async Task<IReadOnlyList<LogRecord>> ReadAsync(int max, CancellationToken cancellationToken)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        call.CancelAfter(CallTimeout);
        var records = new List<LogRecord>();
        try
        {
            var consumer = _consumer ??= await transport.CreateReaderConsumerAsync(transport.StreamName, transport.Subject(partition), _next, call.Token);
            await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = max }, cancellationToken: call.Token))
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
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        call.CancelAfter(CallTimeout);
        try
        {
            await _consumer.RefreshAsync(call.Token);
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
