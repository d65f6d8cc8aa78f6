namespace Personalization.Grains;

/// <summary>
/// A product's popularity as a decayed score at a reference time (event time). Scores of entries with
/// different reference times are compared after decaying both to the later one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrendingEntry(
    [property: Id(0)] string ProductId,
    [property: Id(1)] double Score,
    [property: Id(2)] DateTimeOffset ReferenceTime);
