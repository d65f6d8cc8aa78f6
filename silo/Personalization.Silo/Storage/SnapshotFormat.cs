using Orleans.Serialization;

namespace Personalization.Silo.Storage;

/// <summary>
/// The bytes of a stored grain state, the same for every store (local directory, S3): a four-byte
/// format header, then the Orleans binary form of the state. The header names the format version so
/// a later release can recognise (and convert) old snapshots; the Orleans form itself tolerates
/// added and removed fields, so most changes need no new version at all.
/// </summary>
public sealed class SnapshotFormat(Serializer serializer)
{
    /// <summary>Version 1 of the format: "PZS1" followed by the Orleans binary serialization.</summary>
    public static ReadOnlySpan<byte> Header => "PZS1"u8;

    /// <summary>Serializes synchronously: the caller may change the state as soon as this returns.</summary>
    public byte[] Encode<T>(T state)
    {
        var body = serializer.SerializeToArray(state);
        var bytes = new byte[Header.Length + body.Length];
        Header.CopyTo(bytes);
        body.CopyTo(bytes.AsSpan(Header.Length));
        return bytes;
    }

    /// <summary>Reads a snapshot; <paramref name="source"/> names where it came from, for the error message.</summary>
    public T Decode<T>(ReadOnlyMemory<byte> bytes, string source)
    {
        if (bytes.Length < Header.Length || !bytes.Span[..Header.Length].SequenceEqual(Header))
            throw new InvalidDataException(
                $"'{source}' is not a snapshot this release can read (unknown format header). " +
                "It was written by another program or a newer release; move it away or upgrade.");

        return serializer.Deserialize<T>(bytes[Header.Length..])!;
    }
}
