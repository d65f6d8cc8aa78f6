using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Streams.Nats;

/// <summary>
/// The log on NATS JetStream. Partition p is subject <c>{Topic}.{p}</c> of one stream with limits
/// (not work-queue) retention, so records stay replayable until they age out; the offset of a record is
/// its stream sequence. Committed offsets live in a key-value bucket, one key per consumer group and
/// partition. Records are the public JSON event; the key travels in the <c>Log-Key</c> header.
/// </summary>
public sealed class NatsLogTransport : ILogTransport
{
    public const string KeyHeader = "Log-Key";

    private static readonly TimeSpan DeadLetterDuplicateWindow = TimeSpan.FromHours(1);

    private readonly StreamingOptions _options;
    private readonly NatsLogOptions _nats;
    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;
    private readonly SemaphoreSlim _readyLock = new(1, 1);
    private INatsKVStore? _offsets;

    public NatsLogTransport(StreamingOptions options)
    {
        _options = options;
        _nats = options.Nats;
        var auth = NatsAuthOpts.Default with
        {
            Username = Blank(_nats.Username),
            Password = Blank(_nats.Password),
            Token = Blank(_nats.Token),
            CredsFile = Blank(_nats.CredsFile),
        };
        _connection = new NatsConnection(NatsOpts.Default with { Url = _nats.Url, AuthOpts = auth, Name = "personalization-" + options.ConsumerGroup });
        _js = new NatsJSContext(_connection);
    }

    public string Name => StreamingOptions.NatsProvider;

    public int Partitions => _options.Partitions;

    public string Subject(int partition) => $"{_options.Topic}.{partition.ToString(CultureInfo.InvariantCulture)}";

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_offsets is not null) return;
        await _readyLock.WaitAsync(cancellationToken);
        try
        {
            if (_offsets is not null) return;
            var storage = _nats.Storage.Equals("memory", StringComparison.OrdinalIgnoreCase) ? StreamConfigStorage.Memory : StreamConfigStorage.File;
            await _js.CreateOrUpdateStreamAsync(new StreamConfig(_nats.StreamName, [$"{_options.Topic}.*"])
            {
                Retention = StreamConfigRetention.Limits,
                Storage = storage,
                MaxAge = _nats.Retention,
                NumReplicas = _nats.Replicas,
                DuplicateWindow = TimeSpan.FromMinutes(2),
            }, cancellationToken);
            await _js.CreateOrUpdateStreamAsync(new StreamConfig(_nats.DeadLetterStreamName, [_options.DeadLetterTopic])
            {
                Retention = StreamConfigRetention.Limits,
                Storage = storage,
                MaxAge = _nats.Retention,
                NumReplicas = _nats.Replicas,
                // Long enough to cover any replay after a handover or crash (commits trail reads by seconds).
                DuplicateWindow = _nats.Retention < DeadLetterDuplicateWindow ? _nats.Retention : DeadLetterDuplicateWindow,
            }, cancellationToken);
            var kv = new NatsKVContext(_js);
            _offsets = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(_nats.OffsetBucket)
            {
                Storage = storage == StreamConfigStorage.Memory ? NatsKVStorageType.Memory : NatsKVStorageType.File,
                NumberOfReplicas = _nats.Replicas,
            }, cancellationToken);
        }
        catch (NatsException exception)
        {
            throw new InvalidOperationException(
                $"Could not set up the NATS JetStream log at {_nats.Url} (streams {_nats.StreamName}, {_nats.DeadLetterStreamName}, bucket {_nats.OffsetBucket}): {exception.Message} " +
                "Check Streaming:Nats:Url and credentials, and that the server runs with JetStream (nats-server -js).", exception);
        }
        finally
        {
            _readyLock.Release();
        }
    }

    /// <summary>Sequential within a partition (its order is the log's order), parallel across partitions.</summary>
    public async Task AppendAsync(IReadOnlyList<OutgoingRecord> records, CancellationToken cancellationToken)
    {
        await Task.WhenAll(records.GroupBy(r => r.Partition).Select(async partition =>
        {
            foreach (var record in partition)
            {
                var headers = new NatsHeaders { [KeyHeader] = record.Key };
                var ack = await _js.PublishAsync(Subject(record.Partition), record.Payload.ToArray(), headers: headers,
                    opts: new NatsJSPubOpts { MsgId = record.MessageId }, cancellationToken: cancellationToken);
                // A duplicate is a retry of a record the log already holds (same messageId): that is success.
                if (!ack.Duplicate) ack.EnsureSuccess();
            }
        }));
    }

    public async Task<long?> LoadCommittedAsync(int partition, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var entry = await _offsets!.TryGetEntryAsync<string>(OffsetKey(partition), cancellationToken: cancellationToken);
        return entry.Success && entry.Value.Value is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;
    }

    public async Task CommitAsync(int partition, long nextOffset, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        await _offsets!.PutAsync(OffsetKey(partition), nextOffset.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
    }

    public async Task<ILogPartitionReader> OpenReaderAsync(int partition, long nextOffset, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        return new NatsPartitionReader(this, partition, nextOffset);
    }

    public async Task<long> CountFromAsync(int partition, long nextOffset, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var consumer = await CreateReaderConsumerAsync(_nats.StreamName, Subject(partition), nextOffset, cancellationToken);
        try
        {
            await consumer.RefreshAsync(cancellationToken);
            return (long)consumer.Info.NumPending;
        }
        finally
        {
            await _js.DeleteConsumerAsync(_nats.StreamName, consumer.Info.Name, cancellationToken);
        }
    }

    /// <summary>JetStream drops a letter whose message id it saw within the dead-letter stream's duplicate window.</summary>
    public async Task<bool> WriteDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var ack = await _js.PublishAsync(_options.DeadLetterTopic, JsonSerializer.SerializeToUtf8Bytes(letter),
            opts: new NatsJSPubOpts { MsgId = letter.SourceRecordId }, cancellationToken: cancellationToken);
        if (ack.Duplicate) return false;
        ack.EnsureSuccess();
        return true;
    }

    public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var stream = await _js.GetStreamAsync(_nats.DeadLetterStreamName, cancellationToken: cancellationToken);
        return (long)stream.Info.State.Messages;
    }

    public async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var consumer = await CreateReaderConsumerAsync(_nats.DeadLetterStreamName, _options.DeadLetterTopic, 0, cancellationToken);
        var letters = new List<DeadLetter>();
        try
        {
            while (letters.Count < max)
            {
                var before = letters.Count;
                await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = max - letters.Count }, cancellationToken: cancellationToken))
                {
                    if (msg.Data is { } data && JsonSerializer.Deserialize<DeadLetter>(data) is { } letter) letters.Add(letter);
                }

                if (letters.Count == before) break;
            }
        }
        finally
        {
            await _js.DeleteConsumerAsync(_nats.DeadLetterStreamName, consumer.Info.Name, cancellationToken);
        }

        return letters;
    }

    /// <summary>
    /// A throwaway pull consumer from a position, without acks: the position we keep ourselves (the
    /// committed offset), so any stored position can be replayed and nothing waits for ack timeouts.
    /// Uniquely named (the client would otherwise derive one name per subject and two readers would
    /// clash), in memory, and removed by the server after its inactivity threshold if we cannot delete it.
    /// </summary>
    internal async Task<INatsJSConsumer> CreateReaderConsumerAsync(string stream, string subject, long nextOffset, CancellationToken cancellationToken) =>
        await _js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig
        {
            Name = "reader-" + Guid.NewGuid().ToString("N"),
            FilterSubject = subject,
            DeliverPolicy = nextOffset > 0 ? ConsumerConfigDeliverPolicy.ByStartSequence : ConsumerConfigDeliverPolicy.All,
            OptStartSeq = nextOffset > 0 ? (ulong)nextOffset : 0,
            AckPolicy = ConsumerConfigAckPolicy.None,
            InactiveThreshold = TimeSpan.FromMinutes(5),
            MemStorage = true,
            NumReplicas = 1,
        }, cancellationToken);

    internal Task DeleteConsumerAsync(string name) => _js.DeleteConsumerAsync(_nats.StreamName, name).AsTask();

    internal string StreamName => _nats.StreamName;

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _readyLock.Dispose();
    }

    private string OffsetKey(int partition) => $"{_options.ConsumerGroup}.{partition.ToString(CultureInfo.InvariantCulture)}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
