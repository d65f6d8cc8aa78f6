using System.Text.Json;
using Personalization.Silo.Evaluation;

namespace Personalization.Tests.Evaluation;

/// <summary>
/// Small runs of the <c>evaluate</c> command end to end: a live product, the catalogue and history
/// through the public API, the heuristic scored through the offers API, then training from the lake
/// that run wrote, a hot swap, and the model scored through the same API, next to the baselines.
/// </summary>
public sealed class EvaluationSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eval-smoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>300 shoppers walking along a ring of 60 products: what comes next is learnable, popularity is flat.</summary>
    private string RingFile()
    {
        var random = new Random(3);
        var lines = Enumerable.Range(1, 300).Select(u =>
        {
            var start = random.Next(60);
            var length = random.Next(5, 9);
            return $"{u} {string.Join(' ', Enumerable.Range(0, length).Select(i => (start + i) % 60 + 1))}";
        });
        var path = Path.Combine(_dir, "Ring.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    private async Task<EvaluationReport> Run(params string[] args)
    {
        var settings = EvaluationSettings.Parse([.. args, "--out", Path.Combine(_dir, "out"), "--parallelism", "4", "--train-trees", "40"]);
        return await EvaluationRun.RunAsync(settings, "evaluate (smoke)", TextWriter.Null, CancellationToken.None);
    }

    private static RankerResult Row(EvaluationReport report, string prefix) => Assert.Single(report.Results, r => r.Ranker.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task The_live_heuristic_and_the_hot_swapped_model_are_scored_next_to_the_baselines()
    {
        var report = await Run("--dataset", "beauty", "--path", RingFile(), "--rankers", "live,model,poprec,pop,knn");

        var heuristic = Row(report, "Personalization (live API, heuristic)");
        var model = Row(report, "Personalization (live API, model:");
        var popularity = Row(report, "Popularity");
        Assert.Equal(300, report.Users);
        Assert.All(report.Results, r => Assert.Equal(300, r.Users));
        Assert.True(heuristic.Metrics["HR@10"] > 0.5, $"the ring's next item is a co-occurrence neighbour: HR@10 {heuristic.Metrics["HR@10"]}");
        Assert.True(heuristic.Metrics["HR@10"] > popularity.Metrics["HR@10"] + 0.3);
        Assert.True(model.Metrics["HR@10"] > popularity.Metrics["HR@10"] + 0.3, $"model HR@10 {model.Metrics["HR@10"]}");
        Assert.Contains("answered by heuristic ×300", heuristic.Note);
        Assert.Contains($"answered by {model.Ranker["Personalization (live API, ".Length..^1]} ×300", model.Note);
        Assert.Contains("history items returned by the API: 0", model.Note);
        Assert.Empty(report.Published); // published rows belong to the real Beauty file only

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "out", "ring.json")));
        Assert.Equal(5, json.RootElement.GetProperty("results").GetArrayLength());
    }

    [DatasetFact("amazon-beauty/Beauty.txt")]
    public async Task A_few_hundred_Beauty_users_run_the_published_protocol_through_the_live_api()
    {
        var report = await Run("--dataset", "beauty", "--path", Path.Combine(SharedDatasets.Root, "amazon-beauty", "Beauty.txt"), "--users", "300", "--rankers", "live,model,poprec");

        var heuristic = Row(report, "Personalization (live API, heuristic)");
        var model = Row(report, "Personalization (live API, model:");
        Assert.Equal(300, heuristic.Users);
        Assert.Equal(12_101, report.CatalogSize); // the whole file's items, as in the full run
        Assert.Contains("history items returned by the API: 0", heuristic.Note);
        Assert.Contains("history items returned by the API: 0", model.Note);
        Assert.InRange(heuristic.Metrics["HR@10"], 0.0, 1.0);
        Assert.True(heuristic.Metrics["HR@20"] >= heuristic.Metrics["HR@10"]);
    }
}
