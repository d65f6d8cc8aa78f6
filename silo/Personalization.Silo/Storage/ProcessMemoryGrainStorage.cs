using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Configuration;
using Orleans.Storage;

namespace Personalization.Silo.Storage;

/// <summary>
/// Grain state held in this process's memory, lost on exit: storage for tests and the evaluation run.
/// Unlike Orleans' memory storage, it is not itself made of grains, so grains that flush while the silo
/// stops (after the storage grains are gone) still succeed. States are kept encoded, so a reactivated
/// grain gets its own copy. Shared by every silo of the process with the same service id, which is what
/// an in-process test cluster needs when a grain moves between its silos.
/// </summary>
public sealed class ProcessMemoryGrainStorage(string serviceId, SnapshotFormat format) : IGrainStorage
{
    private static readonly ConcurrentDictionary<(string Service, string State, GrainId Grain), (byte[] Bytes, long Version)> States = new();
    private static long _versions;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (States.TryGetValue((serviceId, stateName, grainId), out var stored))
        {
            grainState.State = format.Decode<T>(stored.Bytes, $"memory:{stateName}/{grainId}");
            grainState.RecordExists = true;
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = Interlocked.Increment(ref _versions);
        States[(serviceId, stateName, grainId)] = (format.Encode(grainState.State), version);
        grainState.RecordExists = true;
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        States.TryRemove((serviceId, stateName, grainId), out _);
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    public static void Register(IServiceCollection services, string name) =>
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new ProcessMemoryGrainStorage(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<SnapshotFormat>()));
}
