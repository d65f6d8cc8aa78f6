using System.Text;

namespace Personalization.Silo.Streams.Log;

/// <summary>Writes dead letters to the log's dead-letter destination and counts them.</summary>
public sealed partial class DeadLetterSink(ILogTransport transport, StreamMetrics metrics, TimeProvider clock, ILogger<DeadLetterSink> logger)
{
    /// <summary>
    /// Writes and counts a letter. A repeat the log refuses is not counted (a replay of a record already
    /// dead-lettered), unless <paramref name="retried"/> says this writer's own earlier attempt failed: that
    /// attempt may have reached the log and lost only its acknowledgement.
    /// </summary>
    public async Task WriteAsync(string reason, string detail, string source, int? partition, long? offset, string? key, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken, bool retried = false)
    {
        var text = Encoding.UTF8.GetString(payload.Span);
        var written = await transport.WriteDeadLetterAsync(new DeadLetter(reason, detail, source, partition, offset, key, text, clock.GetUtcNow()), cancellationToken);
        if (!written && !retried) return;
        metrics.DeadLettered(reason, source);
        LogDeadLettered(source, partition, offset, reason, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered an event from {Source} (partition {Partition}, offset {Offset}): {Reason}: {Detail}")]
    private partial void LogDeadLettered(string source, int? partition, long? offset, string reason, string detail);
}
