using Personalization.Queries;

namespace Personalization.Domain;

/// <summary>
/// The candidates a learned model re-orders: the heuristic's best <see cref="Depth"/>, checked against
/// their cards (filters, affinity bonus), each with its <see cref="OfferFeatures"/> vector. Serving and
/// training build it with this one method, so the model is trained on exactly what it will score.
/// </summary>
public sealed class OfferShortlist
{
    private OfferShortlist(OfferPlan plan, int depth, List<OfferComposer.Candidate> candidates, Dictionary<string, ProductCard> cards, float[] features)
    {
        Plan = plan;
        Depth = depth;
        Candidates = candidates;
        Cards = cards;
        Features = features;
    }

    public OfferPlan Plan { get; }

    /// <summary>How many heuristic candidates were looked at (some may have failed the filters).</summary>
    public int Depth { get; }

    /// <summary>The candidates that passed the filters, in heuristic order.</summary>
    public IReadOnlyList<OfferComposer.Candidate> Candidates { get; }

    public IReadOnlyDictionary<string, ProductCard> Cards { get; }

    /// <summary>One row of <see cref="OfferFeatures.Count"/> values per candidate, laid end to end.</summary>
    public float[] Features { get; }

    public int Count => Candidates.Count;

    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * OfferFeatures.Count, OfferFeatures.Count);

    public static async Task<OfferShortlist> Build(OfferPlan plan, List<OfferComposer.Candidate> candidates, int depth, IOfferSources sources)
    {
        var top = candidates.Take(depth).ToList();
        var cards = await OfferRanker.Cards(top.Select(c => c.ProductId).Concat(plan.Anchors.Select(a => a.ProductId)), sources);
        var passing = new List<OfferComposer.Candidate>(top.Count);
        foreach (var candidate in top)
        {
            if (!OfferComposer.Passes(plan, cards[candidate.ProductId])) continue;
            OfferComposer.AddAffinity(plan, candidate, cards[candidate.ProductId]);
            passing.Add(candidate);
        }

        var anchors = AnchorProfile.From(plan, cards);
        var features = new float[passing.Count * OfferFeatures.Count];
        for (var i = 0; i < passing.Count; i++)
        {
            OfferFeatures.Extract(plan, anchors, passing[i], cards[passing[i].ProductId], features.AsSpan(i * OfferFeatures.Count, OfferFeatures.Count));
        }

        return new OfferShortlist(plan, depth, passing, cards, features);
    }
}
