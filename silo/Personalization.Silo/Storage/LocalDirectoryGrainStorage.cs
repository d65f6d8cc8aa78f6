using System.Security.Cryptography;
using System.Text;
using Orleans.Serialization;
using Orleans.Storage;

namespace Personalization.Silo.Storage;

/// <summary>
/// Grain state as one file per grain and state name under a local directory: the embedded mode's
/// stand-in for S3 and PostgreSQL. Files start with a format header so that later releases can read
/// old snapshots; the body is the Orleans binary form, which tolerates added and removed fields.
/// A write goes to a temporary file that is then renamed over the old one, so a crash never leaves
/// a half-written snapshot.
/// </summary>
public sealed class LocalDirectoryGrainStorage(string root, Serializer serializer) : IGrainStorage
{
    private static readonly byte[] Header = "PZS1"u8.ToArray();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        if (bytes.Length < Header.Length || !bytes.AsSpan(0, Header.Length).SequenceEqual(Header))
            throw new InvalidDataException($"'{path}' is not a snapshot this release can read (unknown header).");

        grainState.State = serializer.Deserialize<T>(bytes.AsMemory(Header.Length));
        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(Header);
            await file.WriteAsync(serializer.SerializeToArray(grainState.State));
        }

        File.Move(temporary, path, overwrite: true);
        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    /// <summary>root/state/ab/key: a two-hex-digit fan-out keeps directories small with millions of grains.</summary>
    private string PathOf(string stateName, GrainId grainId)
    {
        var key = grainId.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var escaped = Uri.EscapeDataString(key);
        var fileName = escaped.Length <= 150 ? escaped : hash;
        return Path.Combine(root, stateName, hash[..2], fileName + ".bin");
    }
}
