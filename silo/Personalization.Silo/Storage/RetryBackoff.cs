namespace Personalization.Silo.Storage;

/// <summary>
/// Exponential backoff with jitter: the delay before retry n (1-based) is <c>first · 2^(n-1)</c>,
/// capped at <c>max</c>, then scaled by a random factor in [0.5, 1) so that many grains failing at
/// the same moment (an outage) do not retry in lockstep when it ends.
/// </summary>
public sealed class RetryBackoff(TimeSpan first, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponent = Math.Min(retry - 1, 30);
        var ticks = Math.Min(first.Ticks * (double)(1L << exponent), max.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (0.5 + _random.NextDouble() / 2)));
    }
}
