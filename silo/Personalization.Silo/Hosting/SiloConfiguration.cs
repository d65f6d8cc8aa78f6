using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;
using Personalization.Domain;
using Personalization.Messaging;
using Personalization.Persistence;
using Personalization.Silo.Lake.Features;
using Personalization.Silo.Storage;
using Personalization.Silo.Storage.Checkpoints;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.InProcess;
using Personalization.Silo.Storage.S3;
using Personalization.Streams;

namespace Personalization.Silo.Hosting;

/// <summary>
/// Everything a Personalization silo needs besides clustering: options, the event streams and grain
/// storage. Shared by the host and the test clusters, so tests run the configuration users run.
/// </summary>
public static class SiloConfiguration
{
    public static ISiloBuilder AddPersonalization(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<RankingOptions>().Bind(configuration.GetSection(RankingOptions.SectionName));
        services.AddOptions<SnapshotOptions>().Bind(configuration.GetSection(SnapshotOptions.SectionName))
            .Validate(o => o.FlushInterval > TimeSpan.Zero, "Snapshots:FlushInterval must be positive.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotFormat>();
        services.TryAddSingleton<InProcessCluster>();
        services.TryAddSingleton<CoOccurrenceSender>();
        services.TryAddSingleton<TrendingReporter>();
        // The offer model this silo serves; the model watcher (docs/quality.md) swaps it in place.
        services.TryAddSingleton<Ranking.RankingModelSlot>();

        // Grains subscribe implicitly, by stream namespace: no pub-sub grain or store is involved.
        // Streaming:Provider nats or kafka puts the streams on the durable log (docs/streaming.md); its
        // partitions commit only what grains flushed (docs/durability.md).
        services.AddFlushedCheckpoints();
        if (!silo.TryAddEventLog(configuration))
        {
            silo.AddInProcessEventStreams(StreamingOptions.From(configuration));
        }

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        switch (storage.Provider.ToLowerInvariant())
        {
            case "memory":
                ProcessMemoryGrainStorage.Register(services, StorageNames.Snapshots);
                ProcessMemoryGrainStorage.Register(services, StorageNames.Records);
                break;
            case "local":
                var root = Path.GetFullPath(storage.Directory);
                AddLocalStorage(services, StorageNames.Snapshots, Path.Combine(root, StorageNames.Snapshots));
                AddLocalStorage(services, StorageNames.Records, Path.Combine(root, StorageNames.Records));
                break;
            case "s3":
                services.AddS3Storage(configuration);
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is unknown; use 'local', 's3' or 'memory'.");
        }

        // Customer and product grains hand a feature row to the lake after each flush (docs/lake.md).
        silo.AddFeatureSnapshots(configuration);

        return silo;
    }

    private static void AddLocalStorage(IServiceCollection services, string name, string directory) =>
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new LocalDirectoryGrainStorage(directory, sp.GetRequiredService<SnapshotFormat>()));
}
