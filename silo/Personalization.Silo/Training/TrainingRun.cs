using System.Diagnostics;
using System.Globalization;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Ranking;
using Personalization.Silo.Models;

namespace Personalization.Silo.Training;

/// <summary>
/// One training: read the lake, build the time-split decision points, train, compare with the
/// heuristic on the validation window, and publish model + manifest, unless the model is no better
/// than the heuristic there (then the heuristic keeps serving; <c>--force</c> publishes anyway).
/// </summary>
public static class TrainingRun
{
    public sealed record Outcome(ModelManifest Manifest, bool Published, string Message);

    public static async Task<Outcome> RunAsync(
        TrainingSettings settings, ILakeReader lake, IModelStore? store, RankingOptions options, IReadOnlyList<ProductRecord> catalog, TextWriter log, CancellationToken cancellationToken)
    {
        if (store is null && !settings.DryRun)
            throw new InvalidOperationException("No model store: set Model:Store (local or s3) or Storage:Provider (local or s3), or pass --dry-run.");

        var clock = Stopwatch.StartNew();
        log.WriteLine($"train: reading the lake at {lake.Location}");
        var events = await LakeEvents.ReadAsync(lake, log, cancellationToken);
        log.WriteLine($"  {events.Count:N0} events from {events[0].Timestamp:yyyy-MM-dd HH:mm} to {events[^1].Timestamp:yyyy-MM-dd HH:mm}; {catalog.Count:N0} catalogue records ({clock.Elapsed.TotalSeconds:N1}s)");

        var set = await TrainingSetBuilder.BuildAsync(events, catalog, options, settings, log, cancellationToken);
        log.WriteLine($"  decision points: {set.TrainDecisions:N0} train, {set.ValidationDecisions:N0} validation (from {set.ValidationFrom:yyyy-MM-dd HH:mm}); " +
                      $"with a target in the top {options.ModelCandidates}: {set.Train.Count:N0} and {set.Validation.Count:N0} ({clock.Elapsed.TotalSeconds:N1}s)");

        var version = NewVersion();
        var bytes = OfferRankerTrainer.Train(set.Train, settings);
        var model = OfferRankingModel.Load(bytes, OfferFeatures.Names, version);
        log.WriteLine($"  trained {OfferRankerTrainer.Name}, {settings.Trees} trees × {settings.Leaves} leaves, on {set.Train.Sum(q => q.Count):N0} candidates ({clock.Elapsed.TotalSeconds:N1}s)");

        var heuristic = ShortlistMetrics.Heuristic(set.Validation, set.ValidationDecisions);
        var learned = ShortlistMetrics.Model(set.Validation, set.ValidationDecisions, model);
        var manifest = new ModelManifest
        {
            Version = version,
            CreatedAt = DateTimeOffset.UtcNow,
            Features = OfferFeatures.Names,
            Trainer = OfferRankerTrainer.Name,
            Hyperparameters = new Dictionary<string, double>
            {
                ["trees"] = settings.Trees,
                ["leaves"] = settings.Leaves,
                ["minLeafExamples"] = settings.MinLeafExamples,
                ["learningRate"] = settings.LearningRate,
                ["shortlist"] = options.ModelCandidates,
            },
            Lake = lake.Location,
            LakeEvents = events.Count,
            ValidationFrom = set.ValidationFrom,
            TrainQueries = set.Train.Count,
            ValidationQueries = set.ValidationDecisions,
            HeuristicValidation = heuristic,
            ModelValidation = learned,
        };
        log.WriteLine($"  validation ({set.ValidationDecisions:N0} decisions): heuristic HR@10 {heuristic["HR@10"]:0.0000} NDCG@10 {heuristic["NDCG@10"]:0.0000}; " +
                      $"model HR@10 {learned["HR@10"]:0.0000} NDCG@10 {learned["NDCG@10"]:0.0000}");

        var better = learned["NDCG@10"] > heuristic["NDCG@10"];
        if (settings.DryRun) return new Outcome(manifest, false, $"model {version} trained (dry run: not published)");
        if (!better && !settings.Force)
            return new Outcome(manifest, false, $"model {version} is not better than the heuristic on validation: not published (--force publishes anyway)");

        await store!.PublishAsync(version, bytes, manifest, cancellationToken);
        return new Outcome(manifest, true, $"published model {version} to {store.Location} ({bytes.Length:N0} bytes) in {clock.Elapsed.TotalSeconds:N1}s");
    }

    /// <summary>Sortable by time, unique across trainings in the same second.</summary>
    public static string NewVersion() =>
        DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
}
