namespace Personalization.Domain;

/// <summary>
/// The last <c>capacity</c> message ids a grain applied, so a retried or replayed event is not
/// applied twice. Producers retry within seconds, so a window of the latest ids per grain suffices;
/// replays after a crash are caught by the stream position watermark (docs/durability.md).
/// </summary>
[GenerateSerializer]
public sealed class RecentMessageIds
{
    [Id(0)] private readonly Queue<string> _order = new();
    [Id(1)] private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    /// <summary>Records the id; false when it was already recorded (a duplicate).</summary>
    public bool TryRecord(string messageId, int capacity)
    {
        if (!_ids.Add(messageId)) return false;
        _order.Enqueue(messageId);
        while (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
        }

        return true;
    }
}
