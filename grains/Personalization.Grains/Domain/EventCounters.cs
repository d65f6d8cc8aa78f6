using System.Collections.Immutable;
using Personalization.Events;

namespace Personalization.Domain;

/// <summary>Exact counts of applied events per kind: the numbers durability tests compare.</summary>
[GenerateSerializer]
public sealed class EventCounters
{
    [Id(0)] private readonly Dictionary<EventKind, long> _counts = [];

    [Id(1)] public long Total { get; private set; }

    public void Increment(EventKind kind)
    {
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        Total++;
    }

    public long this[EventKind kind] => _counts.GetValueOrDefault(kind);

    public ImmutableDictionary<string, long> ByName() =>
        _counts.ToImmutableDictionary(kv => EventNames.NameOf(kv.Key), kv => kv.Value);
}
