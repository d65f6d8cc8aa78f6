using Personalization.Events;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Takes every valid event a partition reads, besides the grains: the lake. A record stays unresolved until
/// its sink calls <c>stored</c>, so the partition's commit waits for the sink as it waits for the grains,
/// and a crash replays what the sink had not stored yet. Every event that enters the log, whoever wrote
/// it, passes here once per read.
/// </summary>
public interface ILogEventSink
{
    /// <summary>Takes the event; calls <paramref name="stored"/> once it is durably kept. May wait (backpressure).</summary>
    ValueTask AppendAsync(ShopperEvent evt, Action stored, CancellationToken cancellationToken);
}
