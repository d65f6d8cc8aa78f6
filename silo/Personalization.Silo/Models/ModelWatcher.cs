using Microsoft.Extensions.Options;
using Personalization.Ranking;

namespace Personalization.Silo.Models;

/// <summary>
/// Polls the model store (<see cref="ModelOptions.PollInterval"/>) and swaps a newly published model
/// into this silo's <see cref="RankingModelSlot"/> without a restart. A model that cannot be read, was
/// trained on other features, or does not score is refused with the reason logged and shown by
/// <c>GET /v1/admin/model</c>; whatever served before (a model or the heuristic) keeps serving, and
/// the refused version is not tried again until another is published. A store that cannot be reached
/// is retried at the next poll.
/// </summary>
public sealed partial class ModelWatcher(IModelStore store, RankingModelSlot slot, IOptions<ModelOptions> options, TimeProvider time, ILogger<ModelWatcher> logger)
    : BackgroundService
{
    private string? _tried;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await CheckAsync(stoppingToken);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Looks once; true when a new model now serves.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        string? latest;
        try
        {
            latest = await store.LatestVersionAsync(cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            LogPointerUnreadable(logger, store.Location, exception.Message);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStoreUnreachable(logger, exception, store.Location);
            return false;
        }

        if (latest is null || latest == _tried) return false;
        _tried = latest;
        try
        {
            var (bytes, manifest) = await store.ReadAsync(latest, cancellationToken);
            if (manifest.Version != latest) throw new InvalidDataException($"its manifest names version {manifest.Version}.");
            var model = OfferRankingModel.Load(bytes, manifest.Features, latest);
            slot.Serve(model, store.Location, time.GetUtcNow());
            LogServing(logger, latest, store.Location, bytes.Length);
            return true;
        }
        catch (InvalidDataException exception)
        {
            slot.Refuse(latest, exception.Message, time.GetUtcNow());
            LogRefused(logger, latest, exception.Message, slot.Current?.Version ?? "the heuristic");
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _tried = null;
            LogStoreUnreachable(logger, exception, store.Location);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer model {Version} from {Store} now serves ({Bytes} bytes)")]
    private static partial void LogServing(ILogger logger, string version, string store, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer model {Version} refused: {Reason} {Previous} keeps serving")]
    private static partial void LogRefused(ILogger logger, string version, string reason, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model store {Store} could not be read; trying again at the next poll")]
    private static partial void LogStoreUnreachable(ILogger logger, Exception exception, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model store {Store}: the latest-model pointer is unreadable: {Reason}")]
    private static partial void LogPointerUnreadable(ILogger logger, string store, string reason);
}
