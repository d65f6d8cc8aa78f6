using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Personalization.Api.Access;
using Personalization.Domain;
using Personalization.Silo.Models;
using Personalization.Silo.Training;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// The measurement through the running product: start it, load the catalogue and replay the
/// histories through the public API, and ask the public offers API. For the <c>model</c> row the
/// product runs with a local lake and model store: once every replayed event is in the lake, the
/// trainer reads that lake (which only ever saw the replayed history: targets have no path into it),
/// publishes, the silo's watcher hot-swaps the model, and the same offers API is asked again.
/// </summary>
public static class LiveEvaluation
{
    public static readonly TimeSpan SwapTimeout = TimeSpan.FromMinutes(2);

    public static async Task<List<RankerResult>> RunAsync(EvaluationSettings settings, EvaluationData data, RankingOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var withModel = settings.Rankers.Contains("model");
        var directory = withModel ? Directory.CreateTempSubdirectory("personalization-eval-").FullName : null;
        try
        {
            return await RunAsync(settings, data, options, directory, log, cancellationToken);
        }
        finally
        {
            if (directory is not null) Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<List<RankerResult>> RunAsync(
        EvaluationSettings settings, EvaluationData data, RankingOptions options, string? directory, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string[] storage = directory is null
            ? ["--Storage:Provider=memory"]
            : ["--Storage:Provider=local", $"--Storage:Directory={directory}", "--Lake:MaxBatchAge=00:00:01", "--Model:PollInterval=00:00:01"];
        await using var system = await LiveSystem.StartAsync([.. storage, .. settings.ProductSettings], log, cancellationToken);
        log.WriteLine($"  product started in {clock.Elapsed.TotalSeconds:N1}s{(directory is null ? "" : $" (lake and models under {directory})")}");
        await system.LoadCatalogAsync(data.Catalog, cancellationToken);
        var catalog = data.Catalog.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var posted = await system.ReplayAsync(data.Replay, catalog, cancellationToken);
        var replaySeconds = clock.Elapsed.TotalSeconds;

        var results = new List<RankerResult>();
        if (settings.Rankers.Contains("live"))
        {
            var heuristic = new OffersApiRanker(system.Storefront, "Personalization (live API, heuristic)");
            var result = await Evaluator.ScoreAsync(heuristic, data, settings.Parallelism, log, cancellationToken);
            results.Add(result with { Seconds = Math.Round(replaySeconds + result.Seconds, 1), Note = $"catalogue + replay {replaySeconds:N1}s; {Answered(heuristic)}" });
        }

        if (directory is not null)
        {
            var training = Stopwatch.StartNew();
            await system.WaitForLakeAsync(posted, cancellationToken);
            var lake = new LocalLakeReader(directory, "lake");
            LeakageCheck.Verify(await LakeEvents.ReadAsync(lake, log, cancellationToken), data.Users, log);
            var store = new LocalModelStore(Path.Combine(directory, "models"));
            var records = data.Catalog.Select(InProcessReplay.Record).ToList();
            var outcome = await TrainingRun.RunAsync(settings.Training, lake, store, options, records, log, cancellationToken);
            log.WriteLine($"  {outcome.Message}");
            var ranker = OfferRanker.ModelName(outcome.Manifest.Version);
            await WaitForSwapAsync(system, ranker, cancellationToken);
            log.WriteLine($"  the silo serves {ranker} ({training.Elapsed.TotalSeconds:N1}s after the replay: lake flush, training, hot swap)");

            var model = new OffersApiRanker(system.Storefront, $"Personalization (live API, {ranker})");
            var result = await Evaluator.ScoreAsync(model, data, settings.Parallelism, log, cancellationToken);
            results.Add(result with { Seconds = Math.Round(training.Elapsed.TotalSeconds, 1), Note = $"{EvaluationRun.TrainingNote(outcome.Manifest)}; {Answered(model)}" });
        }

        return results;
    }

    private static string Answered(OffersApiRanker ranker) =>
        $"answered by {string.Join(", ", ranker.Rankers.Select(kv => $"{kv.Key} ×{kv.Value}"))}; history items returned by the API: {ranker.HistoryReturned}";

    /// <summary>Polls <c>GET /v1/admin/model</c> until the silo reports the published model.</summary>
    private static async Task WaitForSwapAsync(LiveSystem system, string ranker, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = system.Storefront.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKeys.Admin);
        var clock = Stopwatch.StartNew();
        string? serving = null;
        while (clock.Elapsed < SwapTimeout)
        {
            using var json = JsonDocument.Parse(await admin.GetStringAsync("/v1/admin/model", cancellationToken));
            serving = json.RootElement.GetProperty("ranker").GetString();
            if (serving == ranker) return;
            if (json.RootElement.TryGetProperty("refusedReason", out var refused) && json.RootElement.GetProperty("refusedVersion").GetString() is { } version && ranker.EndsWith(version, StringComparison.Ordinal))
                throw new InvalidOperationException($"The silo refused the published model: {refused.GetString()}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"The silo still served {serving} {SwapTimeout.TotalSeconds:N0}s after {ranker} was published.");
    }
}
