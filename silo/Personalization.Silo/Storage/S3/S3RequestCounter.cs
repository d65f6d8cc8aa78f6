namespace Personalization.Silo.Storage.S3;

/// <summary>
/// Counts the HTTP requests the S3 client really sends (every attempt, retries included), by kind.
/// S3 bills per request, so this is the cost meter: docs/durability.md's model is checked against it.
/// </summary>
public sealed class S3RequestCounter
{
    private long _puts;
    private long _gets;
    private long _deletes;
    private long _others;
    private long _failures;

    /// <summary>PUT requests (snapshot and lake writes).</summary>
    public long Puts => Interlocked.Read(ref _puts);

    /// <summary>GET and HEAD requests (snapshot reads on activation).</summary>
    public long Gets => Interlocked.Read(ref _gets);

    public long Deletes => Interlocked.Read(ref _deletes);

    /// <summary>Other methods (LIST is a GET on the bucket and counts as a GET).</summary>
    public long Others => Interlocked.Read(ref _others);

    /// <summary>Requests that got no answer or a 5xx (network errors, outages).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public long Total => Puts + Gets + Deletes + Others;

    public void Record(HttpMethod method)
    {
        if (method == HttpMethod.Put) Interlocked.Increment(ref _puts);
        else if (method == HttpMethod.Get || method == HttpMethod.Head) Interlocked.Increment(ref _gets);
        else if (method == HttpMethod.Delete) Interlocked.Increment(ref _deletes);
        else Interlocked.Increment(ref _others);
    }

    public void RecordFailure() => Interlocked.Increment(ref _failures);

    public override string ToString() => $"PUT {Puts}, GET {Gets}, DELETE {Deletes}, other {Others}, failed {Failures}";
}
