using System.Diagnostics;

namespace Personalization.Silo.Evaluation;

/// <summary>Scores one ranker over every user of a dataset, in parallel, with progress lines.</summary>
public static class Evaluator
{
    public static async Task<RankerResult> ScoreAsync(IRanker ranker, EvaluationData data, int parallelism, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var k = data.Cutoffs.Max();
        var lists = new IReadOnlyList<string>[data.Users.Count];
        var finished = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, data.Users.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            lists[i] = await ranker.RankAsync(data.Users[i], k, ct);
            var done = Interlocked.Increment(ref finished);
            if (done % 5000 == 0) log.WriteLine($"  {ranker.Name}: {done:N0}/{data.Users.Count:N0} users ({done / clock.Elapsed.TotalSeconds:N0}/s)");
        });

        var metrics = new RankingMetrics(data.Cutoffs);
        for (var i = 0; i < lists.Length; i++) metrics.Add(lists[i], data.Users[i].Targets);
        return RankerResult.From(ranker.Name, metrics, data.Catalog.Count, clock.Elapsed);
    }
}

/// <summary>One row of the results table.</summary>
public sealed record RankerResult(string Ranker, int Users, IReadOnlyDictionary<string, double> Metrics, double Seconds, string? Note = null)
{
    public static RankerResult From(string name, RankingMetrics metrics, int catalogSize, TimeSpan elapsed)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var k in metrics.Cutoffs)
        {
            values[$"HR@{k}"] = Math.Round(metrics.HitRate(k), 4);
            values[$"NDCG@{k}"] = Math.Round(metrics.Ndcg(k), 4);
        }

        values["Coverage"] = Math.Round(metrics.Coverage(catalogSize), 4);
        return new RankerResult(name, metrics.Users, values, Math.Round(elapsed.TotalSeconds, 1));
    }
}
