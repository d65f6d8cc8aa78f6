using System.Text;
using Personalization.Silo.Streams.Log;

namespace Personalization.Tests.Streams;

public sealed class LogPartitionerTests
{
    // Reference values of Kafka's own murmur2 test (org.apache.kafka.common.utils.UtilsTest).
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_matches_kafka(string key, int expected) =>
        Assert.Equal(expected, LogPartitioner.Murmur2(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void Partition_is_the_positive_hash_modulo_the_count()
    {
        Assert.Equal((-973932308 & 0x7fffffff) % 8, LogPartitioner.PartitionOf("21", 8));
        Assert.Equal(0, LogPartitioner.PartitionOf("anything", 1));
    }
}
