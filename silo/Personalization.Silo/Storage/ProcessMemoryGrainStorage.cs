using System.Globalization;
using Orleans.Storage;
using Personalization.Silo.Hosting;

namespace Personalization.Silo.Storage;

/// <summary>
/// Grain state held in this process's memory, lost on exit: storage for tests and the evaluation run.
/// Unlike Orleans' memory storage, it is not itself made of grains, so grains that flush while the silo
/// stops (after the storage grains are gone) still succeed. States are kept encoded, so a reactivated
/// grain gets its own copy. Held in the silo's <see cref="InProcessCluster"/>: shared by the silos of an
/// in-process test cluster, apart from any other host in the process.
/// </summary>
public sealed class ProcessMemoryGrainStorage(InProcessCluster cluster, SnapshotFormat format) : IGrainStorage
{
    private static long _versions;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (cluster.States.TryGetValue((stateName, grainId), out var stored))
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
        cluster.States[(stateName, grainId)] = (format.Encode(grainState.State), version);
        grainState.RecordExists = true;
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        cluster.States.TryRemove((stateName, grainId), out _);
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    public static void Register(IServiceCollection services, string name) =>
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new ProcessMemoryGrainStorage(
            sp.GetRequiredService<InProcessCluster>(), sp.GetRequiredService<SnapshotFormat>()));
}
