namespace Personalization.Domain;

/// <summary>
/// A learned ranker: scores candidates from their <see cref="OfferFeatures"/> vectors, higher is better.
/// Implementations must be safe to call from many queries at once. The domain knows only this; the
/// ML.NET model behind it is loaded and swapped by the silo.
/// </summary>
public interface IOfferScorer
{
    /// <summary>The published model version, shown to callers as <c>model:{Version}</c>.</summary>
    string Version { get; }

    /// <summary>Scores <paramref name="rows"/> feature vectors laid end to end in <paramref name="features"/>.</summary>
    void Score(ReadOnlySpan<float> features, int rows, Span<float> scores);
}
