using System.Collections.Concurrent;
using Personalization.Silo.Streams.InProcess;

namespace Personalization.Silo.Hosting;

/// <summary>
/// What the silos of one process share when the streams and storage are in memory: the event queues and
/// the stored grain states. Each silo gets its own by default, which is the embedded mode (one silo per
/// process) and keeps independent hosts in one process (tests, the bench) apart. An in-process test
/// cluster registers one instance with all its silos and its client, so a grain moving between its
/// silos finds its state and any silo can read what the client published.
/// </summary>
public sealed class InProcessCluster
{
    private readonly ConcurrentDictionary<string, InProcessQueues> _queues = new(StringComparer.Ordinal);

    /// <summary>Encoded grain states by storage name and grain.</summary>
    public ConcurrentDictionary<(string State, GrainId Grain), (byte[] Bytes, long Version)> States { get; } = new();

    public InProcessQueues Queues(string provider, int capacity) => _queues.GetOrAdd(provider, _ => new InProcessQueues(capacity));
}
