namespace Personalization.Bench.Workload;

/// <summary>
/// Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf), the shape of product
/// popularity in real catalogues: a few products take most of the traffic, a long tail takes the rest.
/// Sampling is a binary search in the precomputed cumulative distribution, so it is exact and O(log n).
/// </summary>
public sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        _cumulative = new double[count];
        var sum = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, exponent);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < count; rank++) _cumulative[rank] /= sum;
        _cumulative[^1] = 1.0;
    }

    public int Count => _cumulative.Length;

    /// <summary>The probability of drawing <paramref name="rank"/>.</summary>
    public double Probability(int rank) => rank == 0 ? _cumulative[0] : _cumulative[rank] - _cumulative[rank - 1];

    public int Next(Random random)
    {
        var u = random.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        // BinarySearch returns the complement of the first larger element when u is not found exactly.
        return index >= 0 ? index : Math.Min(~index, _cumulative.Length - 1);
    }
}
