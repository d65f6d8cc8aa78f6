namespace Personalization.Silo.Training;

/// <summary>
/// One decision point: what the ranker's shortlist looked like for a shopper just before an
/// interaction, and which of its candidates the shopper then interacted with (the labels).
/// </summary>
public sealed record TrainingQuery(string UserId, DateTimeOffset At, string[] ProductIds, float[] Features, bool[] Labels, IReadOnlySet<string> Targets)
{
    public int Count => ProductIds.Length;

    /// <summary>The heuristic's score, feature 0 (<see cref="Domain.OfferFeatures"/>), by which the heuristic orders.</summary>
    public float HeuristicScore(int index) => Features[index * Domain.OfferFeatures.Count];
}

/// <summary>
/// The labelled decision points, split in time: everything before <see cref="ValidationFrom"/> trains,
/// the rest validates. Only queries whose shortlist holds a target are kept (the others teach a ranker
/// nothing), but every decision counts in the metrics: a target missing from the shortlist is a miss.
/// </summary>
public sealed record TrainingSet(
    IReadOnlyList<TrainingQuery> Train,
    IReadOnlyList<TrainingQuery> Validation,
    int TrainDecisions,
    int ValidationDecisions,
    DateTimeOffset ValidationFrom,
    long Events);
