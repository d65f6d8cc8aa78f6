using System.Text;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Chooses a record's partition from its key exactly as Kafka's Java producer does by default:
/// <c>(murmur2(utf8(key)) &amp; 0x7fffffff) % partitions</c>. External producers written in any language
/// with Kafka's default partitioner therefore put a shopper's events on the same partition we do, and
/// the NATS transport uses the same function for its subjects so both transports agree.
/// </summary>
public static class LogPartitioner
{
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var bytes = Encoding.UTF8.GetBytes(key);
        return (Murmur2(bytes) & 0x7fffffff) % partitions;
    }

    /// <summary>Kafka's 32-bit murmur2 (seed 0x9747b28c), the hash behind its default partitioner.</summary>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint seed = 0x9747b28c;
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = seed ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[i * 4] | data[i * 4 + 1] << 8 | data[i * 4 + 2] << 16 | data[i * 4 + 3] << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = blocks * 4;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
