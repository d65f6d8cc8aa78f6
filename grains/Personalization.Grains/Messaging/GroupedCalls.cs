namespace Personalization.Messaging;

/// <summary>
/// Group commit for grain-to-grain traffic: items addressed to a key (a grain) are sent in one call per
/// key, and while <c>maxInFlight</c> sends are under way new items wait and are merged into the next one.
/// An idle sender therefore adds no delay, and a busy one makes one call per grain per round instead of
/// one per item: under load the number of calls follows the number of grains, not of events.
/// The task a caller gets completes when every item it added has been sent (or fails with the send's error).
/// </summary>
public sealed class GroupedCalls<TKey, TItem>(Func<TKey, IReadOnlyList<TItem>, Task> send, int maxInFlight = 4) where TKey : notnull
{
    private readonly Lock _lock = new();
    private Round _next = new();
    private int _inFlight;

    public Task SendAsync(IEnumerable<(TKey Key, TItem Item)> items)
    {
        Round? start = null;
        Task done;
        lock (_lock)
        {
            var added = 0;
            foreach (var (key, item) in items)
            {
                _next.Add(key, item);
                added++;
            }

            if (added == 0) return Task.CompletedTask;
            done = _next.Completion.Task;
            if (_inFlight < maxInFlight) start = Take();
        }

        if (start is not null) Start(start);
        return done;
    }

    private Round Take()
    {
        var round = _next;
        _next = new Round();
        _inFlight++;
        return round;
    }

    /// <summary>Sends on the thread pool, not in the caller's grain context: the round belongs to no one grain.</summary>
    private void Start(Round round) => _ = Task.Run(() => FlyAsync(round));

    private async Task FlyAsync(Round round)
    {
        try
        {
            await Task.WhenAll(round.Items.Select(kv => send(kv.Key, kv.Value)));
            round.Completion.TrySetResult();
        }
        catch (Exception exception)
        {
            round.Completion.TrySetException(exception);
        }

        Round? next = null;
        lock (_lock)
        {
            _inFlight--;
            if (!_next.IsEmpty && _inFlight < maxInFlight) next = Take();
        }

        if (next is not null) Start(next);
    }

    private sealed class Round
    {
        public Dictionary<TKey, List<TItem>> Items { get; } = [];

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsEmpty => Items.Count == 0;

        public void Add(TKey key, TItem item)
        {
            if (!Items.TryGetValue(key, out var list)) Items[key] = list = [];
            list.Add(item);
        }
    }
}
