using System.Diagnostics;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// One evaluation: load the dataset, score the offline references, start the real product, load its
/// catalogue and replay the histories through the public API, score the live offers, write the report.
/// </summary>
public static class EvaluationRun
{
    public static EvaluationData Load(EvaluationSettings settings) => settings.Dataset == "retail"
        ? RetailDataset.Load(settings.RetailPath, settings.ProductsPath, settings.Cutoff, settings.Users, settings.Target)
        : SequenceDataset.Load(settings.SequencePath, settings.AttributesPath, settings.Users, settings.Step, settings.Target);

    public static async Task<EvaluationReport> RunAsync(EvaluationSettings settings, string command, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = Load(settings);
        var events = data.Replay.Sum(u => ReplayEvents.EventsOf(u).Count());
        log.WriteLine($"{data.Name}: {data.Users.Count:N0} users to score, {data.Replay.Count:N0} histories ({events:N0} events), {data.Catalog.Count:N0} products; loaded in {clock.Elapsed.TotalSeconds:N1}s");

        var results = new List<RankerResult>();
        if (settings.Rankers.Contains("live") || settings.Rankers.Contains("model"))
            results.AddRange(await LiveEvaluation.RunAsync(settings, data, RankingFrom(settings), log, cancellationToken));
        if (settings.Rankers.Contains("inprocess"))
        {
            var build = Stopwatch.StartNew();
            var replay = new InProcessReplay(data, RankingFrom(settings));
            log.WriteLine($"  in-process replay of {replay.Events:N0} events in {build.Elapsed.TotalSeconds:N1}s");
            var result = await Evaluator.ScoreAsync(replay, data, 1, log, cancellationToken);
            results.Add(result with { Seconds = Math.Round(result.Seconds + build.Elapsed.TotalSeconds, 1) });
        }

        if (settings.Rankers.Contains("inprocess-model")) results.AddRange(await InProcessModelAsync(settings, data, log, cancellationToken));

        if (settings.Rankers.Contains("poprec"))
            results.Add(await Evaluator.ScoreAsync(new PopularityRanker("PopRec (whole file, as published)", data.WholeFileCounts), data, 1, log, cancellationToken));
        if (settings.Rankers.Contains("pop"))
            results.Add(await Evaluator.ScoreAsync(PopularityRanker.FromHistory("Popularity (replayed history)", data.Replay), data, 1, log, cancellationToken));
        if (settings.Rankers.Contains("knn"))
        {
            var build = Stopwatch.StartNew();
            var knn = new ItemKnnRanker(data.Replay);
            var result = await Evaluator.ScoreAsync(knn, data, 1, log, cancellationToken);
            results.Add(result with { Seconds = Math.Round(result.Seconds + build.Elapsed.TotalSeconds, 1) });
        }

        var published = data.Name.Equals("Beauty", StringComparison.OrdinalIgnoreCase) && settings.Users is null && settings.Target == EvaluationTarget.Test
            ? EvaluationReport.BeautyPublished
            : [];
        var report = new EvaluationReport(data.Name, data.Protocol, data.Users.Count, data.Catalog.Count, events, command, DateTimeOffset.UtcNow, results, published);
        Directory.CreateDirectory(settings.Output);
        var stem = Path.Combine(settings.Output, $"{data.Name.ToLowerInvariant()}{(settings.Target == EvaluationTarget.Validation ? "-validation" : "")}{(settings.Users is { } n ? "-" + n : "")}");
        await File.WriteAllTextAsync(stem + ".json", report.ToJson(), cancellationToken);
        await File.WriteAllTextAsync(stem + ".md", report.ToMarkdown(), cancellationToken);
        log.WriteLine($"done in {clock.Elapsed.TotalSeconds:N1}s; wrote {stem}.json and {stem}.md");
        return report;
    }

    /// <summary>
    /// The tuning loop of the learned ranker without a cluster: train on the replayed history exactly as
    /// <c>train</c> does on the lake (the same events, in time order), then score with the model in process.
    /// </summary>
    private static async Task<List<RankerResult>> InProcessModelAsync(EvaluationSettings settings, EvaluationData data, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = RankingFrom(settings);
        var events = InProcessReplay.Validated(data).OrderBy(e => e.Timestamp).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();
        var lake = new Training.EventListLake(events);
        var store = new Models.MemoryModelStore();
        var outcome = await Training.TrainingRun.RunAsync(settings.Training, lake, store, options, [.. data.Catalog.Select(InProcessReplay.Record)], log, cancellationToken);
        log.WriteLine($"  {outcome.Message}");
        var (bytes, manifest) = await store.ReadAsync(outcome.Manifest.Version, cancellationToken);
        var model = Ranking.OfferRankingModel.Load(bytes, manifest.Features, manifest.Version);
        var replay = new InProcessReplay(data, options, model);
        var result = await Evaluator.ScoreAsync(replay, data, 1, log, cancellationToken);
        // The validation window's numbers are the trainer's own split of the replayed history, not the scored targets.
        return [result with { Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), Note = TrainingNote(outcome.Manifest) }];
    }

    public static string TrainingNote(Models.ModelManifest manifest) =>
        $"model {manifest.Version}: {manifest.TrainQueries:N0} training queries; validation window from {manifest.ValidationFrom:yyyy-MM-dd HH:mm} " +
        $"({manifest.ValidationQueries:N0} decisions): heuristic HR@10 {manifest.HeuristicValidation["HR@10"]:0.0000} NDCG@10 {manifest.HeuristicValidation["NDCG@10"]:0.0000}, " +
        $"model HR@10 {manifest.ModelValidation["HR@10"]:0.0000} NDCG@10 {manifest.ModelValidation["NDCG@10"]:0.0000}";

    /// <summary>The product's ranking options with the run's <c>--Ranking:Key=value</c> settings applied.</summary>
    public static Domain.RankingOptions RankingFrom(EvaluationSettings settings)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine([.. settings.ProductSettings]).Build();
        var options = new Domain.RankingOptions();
        configuration.GetSection(Domain.RankingOptions.SectionName).Bind(options);
        return options;
    }
}
