namespace Personalization.Domain;

/// <summary>
/// A sum of weights that halves every <c>halfLife</c> of event time: Σ wᵢ·2^(−(T−tᵢ)/h), kept as its
/// value at a reference time T (the latest event seen). Adding is commutative, so replaying events
/// in any order gives the same score; scores at different reference times are compared with
/// <see cref="ValueAt"/>, which decays (or, for an earlier time, grows) the value exactly.
/// </summary>
[GenerateSerializer]
public struct DecayedScore
{
    [Id(0)] public double Value;
    [Id(1)] public long ReferenceTicks;

    public readonly DateTimeOffset Reference => new(ReferenceTicks, TimeSpan.Zero);

    public void Add(double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        var ticks = at.UtcTicks;
        if (ReferenceTicks == 0)
        {
            Value = weight;
            ReferenceTicks = ticks;
        }
        else if (ticks >= ReferenceTicks)
        {
            Value = Value * Factor(ticks - ReferenceTicks, halfLife) + weight;
            ReferenceTicks = ticks;
        }
        else
        {
            Value += weight * Factor(ReferenceTicks - ticks, halfLife);
        }
    }

    public readonly double ValueAt(DateTimeOffset time, TimeSpan halfLife) =>
        ReferenceTicks == 0 ? 0 : Value * Math.Pow(2, -(time.UtcTicks - ReferenceTicks) / (double)halfLife.Ticks);

    private static double Factor(long elapsedTicks, TimeSpan halfLife) => Math.Pow(2, -elapsedTicks / (double)halfLife.Ticks);
}
