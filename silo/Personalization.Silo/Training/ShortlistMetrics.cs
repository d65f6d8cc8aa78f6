using Personalization.Domain;
using Personalization.Silo.Evaluation;

namespace Personalization.Silo.Training;

/// <summary>
/// HR@10 and NDCG@10 of an order over validation shortlists, counted over every decision point: one
/// whose targets the shortlist did not hold is a miss for any order. The heuristic and the model are
/// scored on the same decisions, so the two numbers compare.
/// </summary>
public static class ShortlistMetrics
{
    public const int K = 10;

    public static Dictionary<string, double> Heuristic(IReadOnlyList<TrainingQuery> queries, int decisions) =>
        Score(queries, decisions, q => Enumerable.Range(0, q.Count).Select(i => q.HeuristicScore(i)).ToArray());

    public static Dictionary<string, double> Model(IReadOnlyList<TrainingQuery> queries, int decisions, IOfferScorer model) =>
        Score(queries, decisions, q =>
        {
            var scores = new float[q.Count];
            model.Score(q.Features, q.Count, scores);
            return scores;
        });

    private static Dictionary<string, double> Score(IReadOnlyList<TrainingQuery> queries, int decisions, Func<TrainingQuery, float[]> score)
    {
        var metrics = new RankingMetrics([K]);
        foreach (var query in queries)
        {
            var scores = score(query);
            var ranked = Enumerable.Range(0, query.Count)
                .OrderByDescending(i => scores[i]).ThenByDescending(query.HeuristicScore).ThenBy(i => query.ProductIds[i], StringComparer.Ordinal)
                .Take(K)
                .Select(i => query.ProductIds[i])
                .ToList();
            metrics.Add(ranked, query.Targets);
        }

        // Decisions whose shortlist missed every target: misses, whatever the order.
        for (var i = queries.Count; i < decisions; i++) metrics.Add([], Miss);
        return new Dictionary<string, double>
        {
            [$"HR@{K}"] = Math.Round(metrics.HitRate(K), 4),
            [$"NDCG@{K}"] = Math.Round(metrics.Ndcg(K), 4),
            ["decisions"] = decisions,
        };
    }

    private static readonly HashSet<string> Miss = new(StringComparer.Ordinal) { "" };
}
