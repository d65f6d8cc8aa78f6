namespace Personalization.Silo.Evaluation;

/// <summary>
/// Hit rate and NDCG at several cut-offs, averaged over every user added, exactly as the published
/// table defines them: the rank is counted from 0; a hit at rank r earns 1/log2(r + 2). With several
/// targets (a basket) NDCG is DCG over the ideal DCG of that many targets, and a hit is any target in
/// the top k; with one target both reduce to the single-target definitions.
/// </summary>
public sealed class RankingMetrics(IReadOnlyList<int> cutoffs)
{
    private readonly double[] _hits = new double[cutoffs.Count];
    private readonly double[] _ndcg = new double[cutoffs.Count];
    private readonly HashSet<string> _recommended = new(StringComparer.Ordinal);

    public IReadOnlyList<int> Cutoffs { get; } = cutoffs;

    public int Users { get; private set; }

    /// <summary>Distinct products shown in any user's top <c>max(cutoffs)</c>: the numerator of coverage.</summary>
    public int DistinctRecommended => _recommended.Count;

    /// <summary>Scores one user: <paramref name="ranked"/> best first (history already removed).</summary>
    public void Add(IReadOnlyList<string> ranked, IReadOnlySet<string> targets)
    {
        if (targets.Count == 0) throw new ArgumentException("A user without a target cannot be scored; leave the user out instead.", nameof(targets));
        Users++;
        var max = Cutoffs.Max();
        for (var i = 0; i < ranked.Count && i < max; i++) _recommended.Add(ranked[i]);

        for (var c = 0; c < Cutoffs.Count; c++)
        {
            var k = Cutoffs[c];
            double dcg = 0, ideal = 0;
            var hit = false;
            for (var rank = 0; rank < k && rank < ranked.Count; rank++)
            {
                if (!targets.Contains(ranked[rank])) continue;
                hit = true;
                dcg += Gain(rank);
            }

            for (var rank = 0; rank < Math.Min(k, targets.Count); rank++) ideal += Gain(rank);
            if (hit) _hits[c]++;
            _ndcg[c] += dcg / ideal;
        }
    }

    public static double Gain(int rank) => 1.0 / Math.Log2(rank + 2);

    public double HitRate(int k) => Average(_hits[IndexOf(k)]);

    public double Ndcg(int k) => Average(_ndcg[IndexOf(k)]);

    private double Average(double sum) => Users == 0 ? 0 : sum / Users;

    public double Coverage(int catalogSize) => catalogSize == 0 ? 0 : DistinctRecommended / (double)catalogSize;

    private int IndexOf(int k)
    {
        for (var i = 0; i < Cutoffs.Count; i++) if (Cutoffs[i] == k) return i;
        throw new ArgumentOutOfRangeException(nameof(k), k, $"Cut-off {k} was not measured; measured: {string.Join(", ", Cutoffs)}.");
    }
}
