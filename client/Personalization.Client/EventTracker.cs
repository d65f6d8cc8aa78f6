using System.Threading.Channels;
using Personalization.Client.Models;

namespace Personalization.Client;

/// <summary>
/// Fire-and-forget event tracking for request paths: <see cref="TrackAsync"/> queues an event, a background
/// loop sends queued events in batches (up to MaxBatchSize, at least every <c>flushInterval</c>) through
/// <see cref="PersonalizationClient.TrackAsync"/>, which retries. The queue is bounded: when the API is down
/// longer than the queue lasts, TrackAsync waits (backpressure) rather than growing memory. A batch that
/// still fails after the client's retries is reported through <see cref="BatchFailed"/>. Dispose to flush.
/// </summary>
public sealed class EventTracker : IAsyncDisposable
{
    private readonly PersonalizationClient _client;
    private readonly TimeSpan _flushInterval;
    private readonly Channel<TrackEvent> _queue;
    private readonly Task _loop;
    private long _sent;

    public EventTracker(PersonalizationClient client, TimeSpan? flushInterval = null, int capacity = 10_000)
    {
        _client = client;
        _flushInterval = flushInterval ?? TimeSpan.FromMilliseconds(250);
        _queue = Channel.CreateBounded<TrackEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(SendLoopAsync);
    }

    /// <summary>Raised (on the background loop) with a batch the API did not take and the reason.</summary>
    public event Action<IReadOnlyList<TrackEvent>, Exception>? BatchFailed;

    /// <summary>Events the API accepted so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public ValueTask TrackAsync(TrackEvent evt, CancellationToken cancellationToken = default) => _queue.Writer.WriteAsync(evt, cancellationToken);

    /// <summary>Stops taking events, sends what is queued, and returns when it is sent or reported failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<TrackEvent>(_client.Options.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Give a burst a moment to fill the batch, then send whatever is there.
            using (var window = new CancellationTokenSource(_flushInterval))
            {
                try
                {
                    while (batch.Count < _client.Options.MaxBatchSize)
                    {
                        if (_queue.Reader.TryRead(out var evt)) batch.Add(evt);
                        else if (!await _queue.Reader.WaitToReadAsync(window.Token)) break;
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }

            if (batch.Count == 0) continue;
            try
            {
                var result = await _client.TrackAsync(batch);
                Interlocked.Add(ref _sent, result.Accepted);
            }
            catch (Exception exception) when (exception is PersonalizationApiException or HttpRequestException or TimeoutException)
            {
                BatchFailed?.Invoke([.. batch], exception);
            }

            batch.Clear();
        }
    }
}
