using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// Combines a product's behaviour and content neighbours. Behaviour scores are scaled to the
/// strongest neighbour (so they lie in [0, 1] like content scores); a blended score weighs
/// behaviour, which reflects what shoppers really do, above content.
/// </summary>
public static class SimilarityBlender
{
    public const double BehaviorWeight = 1.0;
    public const double ContentWeight = 0.5;

    public static List<(string ProductId, double Score, Relation Relation)> Blend(ProductNeighbours lists, SimilarityKind kind)
    {
        var scores = new Dictionary<string, (double Score, Relation Relation, double Best)>(StringComparer.Ordinal);
        void Add(Neighbour n, double score)
        {
            var current = scores.GetValueOrDefault(n.ProductId);
            var relation = score > current.Best ? n.Relation : current.Relation;
            scores[n.ProductId] = (current.Score + score, relation, Math.Max(current.Best, score));
        }

        if (kind != SimilarityKind.Content && !lists.Behavior.IsEmpty)
        {
            var top = lists.Behavior[0].Score;
            foreach (var n in lists.Behavior) Add(n, BehaviorWeight * n.Score / top);
        }

        if (kind != SimilarityKind.Behavior)
        {
            foreach (var n in lists.Content) Add(n, ContentWeight * n.Score);
        }

        scores.Remove(lists.ProductId);
        return scores
            .Select(kv => (kv.Key, kv.Value.Score, kv.Value.Relation))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    public static OfferReason ReasonFor(Relation relation, ProductCard source) => relation switch
    {
        Relation.BoughtTogether => new OfferReason(ReasonKinds.BoughtTogether, $"bought together with {source.Title ?? source.Id}", source.Id),
        Relation.ViewedTogether => new OfferReason(ReasonKinds.ViewedTogether, $"shoppers who viewed {source.Title ?? source.Id} also viewed this", source.Id),
        _ => new OfferReason(ReasonKinds.SimilarTo, $"similar to {source.Title ?? source.Id}", source.Id),
    };
}
