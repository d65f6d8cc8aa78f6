using Personalization.Domain;
using Personalization.Silo.Training;

namespace Personalization.Tests.Ranking;

/// <summary>
/// Small real models for tests: trained by the product's trainer on synthetic shortlists in which the
/// chosen candidate is always the one with the strongest <c>behavior_best</c>, so a working model must
/// learn to put that candidate first.
/// </summary>
public static class TrainedModels
{
    public static readonly int BehaviorBest = OfferFeatures.Names.ToList().IndexOf("behavior_best");

    public static TrainingSettings Settings { get; } = new() { Trees = 20, Leaves = 4, MinLeafExamples = 5, LearningRate = 0.3 };

    private static readonly Lazy<byte[]> Small = new(() => OfferRankerTrainer.Train(Queries(300, seed: 1), Settings));

    /// <summary>A model zip trained once per test run (training takes about a second).</summary>
    public static byte[] Zip => Small.Value;

    public static List<TrainingQuery> Queries(int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<TrainingQuery>();
        for (var q = 0; q < count; q++)
        {
            const int candidates = 8;
            var features = new float[candidates * OfferFeatures.Count];
            for (var i = 0; i < features.Length; i++) features[i] = (float)random.NextDouble();
            var best = Enumerable.Range(0, candidates).MaxBy(i => features[i * OfferFeatures.Count + BehaviorBest]);
            var ids = Enumerable.Range(0, candidates).Select(i => $"q{q}-p{i}").ToArray();
            queries.Add(new TrainingQuery($"u{q}", DateTimeOffset.UnixEpoch, ids, features, [.. Enumerable.Range(0, candidates).Select(i => i == best)],
                new HashSet<string>(StringComparer.Ordinal) { ids[best] }));
        }

        return queries;
    }
}
