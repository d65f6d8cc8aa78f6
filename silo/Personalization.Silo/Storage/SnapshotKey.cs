using System.Security.Cryptography;
using System.Text;

namespace Personalization.Silo.Storage;

/// <summary>
/// Where one grain's state lives, shared by the stores so every backend lays snapshots out alike.
/// <see cref="Fanout"/> is the first byte of the SHA-256 of the grain id, in hex: it spreads millions
/// of grains evenly over 256 directories (local) or key prefixes (S3, which scales request rates per
/// prefix). The name is the escaped grain id when short enough to read, else its full hash.
/// </summary>
public readonly record struct SnapshotKey(string StateName, string Fanout, string FileName)
{
    public static SnapshotKey Of(string stateName, GrainId grainId)
    {
        var key = grainId.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var escaped = Uri.EscapeDataString(key);
        var fileName = (escaped.Length <= 150 ? escaped : hash) + ".bin";
        return new SnapshotKey(stateName, hash[..2], fileName);
    }
}
