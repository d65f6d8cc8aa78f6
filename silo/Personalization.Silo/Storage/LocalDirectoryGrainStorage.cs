using System.Globalization;
using Orleans.Storage;

namespace Personalization.Silo.Storage;

/// <summary>
/// Grain state as one file per grain and state name under a local directory: the embedded mode's
/// stand-in for S3 and PostgreSQL. Files use the shared <see cref="SnapshotFormat"/> and
/// <see cref="SnapshotKey"/> layout (root/state/ab/key.bin). A write goes to a temporary file that is
/// then renamed over the old one, so a crash never leaves a half-written snapshot.
/// </summary>
public sealed class LocalDirectoryGrainStorage(string root, SnapshotFormat format) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        grainState.State = format.Decode<T>(bytes, path);
        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Encode before the first await: the grain may change its state while the write is in flight.
        var bytes = format.Encode(grainState.State);
        var path = PathOf(stateName, grainId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(bytes);
        }

        File.Move(temporary, path, overwrite: true);
        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var key = SnapshotKey.Of(stateName, grainId);
        return Path.Combine(root, key.StateName, key.Fanout, key.FileName);
    }
}
