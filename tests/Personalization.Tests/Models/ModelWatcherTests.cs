using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalization.Domain;
using Personalization.Ranking;
using Personalization.Silo.Models;
using Personalization.Tests.Ranking;

namespace Personalization.Tests.Models;

public sealed class ModelWatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("models-").FullName;
    private readonly RankingModelSlot _slot = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LocalModelStore Store => new(_dir);

    private ModelWatcher Watcher() => new(Store, _slot, Options.Create(new ModelOptions()), TimeProvider.System, NullLogger<ModelWatcher>.Instance);

    public static ModelManifest Manifest(string version, IReadOnlyList<string>? features = null) => new()
    {
        Version = version,
        CreatedAt = DateTimeOffset.UtcNow,
        Features = features ?? OfferFeatures.Names,
        Trainer = "test",
    };

    [Fact]
    public async Task Nothing_published_leaves_the_heuristic_serving()
    {
        Assert.False(await Watcher().CheckAsync(CancellationToken.None));
        Assert.Null(_slot.Current);
    }

    [Fact]
    public async Task A_published_model_is_swapped_in_and_a_newer_one_replaces_it()
    {
        var watcher = Watcher();
        await Store.PublishAsync("v1", TrainedModels.Zip, Manifest("v1"), CancellationToken.None);
        Assert.True(await watcher.CheckAsync(CancellationToken.None));
        Assert.Equal("v1", _slot.Current?.Version);
        Assert.False(await watcher.CheckAsync(CancellationToken.None)); // nothing new

        await Store.PublishAsync("v2", TrainedModels.Zip, Manifest("v2"), CancellationToken.None);
        Assert.True(await watcher.CheckAsync(CancellationToken.None));

        Assert.Equal("v2", _slot.Current?.Version);
        Assert.Equal(_dir, _slot.Status().Source);
    }

    [Fact]
    public async Task A_corrupt_model_is_refused_and_the_previous_one_keeps_serving()
    {
        var watcher = Watcher();
        await Store.PublishAsync("v1", TrainedModels.Zip, Manifest("v1"), CancellationToken.None);
        await watcher.CheckAsync(CancellationToken.None);

        await Store.PublishAsync("v2", TrainedModels.Zip[..(TrainedModels.Zip.Length / 2)], Manifest("v2"), CancellationToken.None);
        Assert.False(await watcher.CheckAsync(CancellationToken.None));
        Assert.False(await watcher.CheckAsync(CancellationToken.None)); // not retried at every poll

        var status = _slot.Status();
        Assert.Equal("v1", _slot.Current?.Version);
        Assert.Equal("v2", status.RefusedVersion);
        Assert.Contains("not a readable ML.NET model", status.RefusedReason);
    }

    [Fact]
    public async Task A_model_of_other_features_or_with_missing_files_is_refused()
    {
        var watcher = Watcher();
        await Store.PublishAsync("old", TrainedModels.Zip, Manifest("old", ["x", "y"]), CancellationToken.None);
        Assert.False(await watcher.CheckAsync(CancellationToken.None));
        Assert.Contains("trained on features [x, y]", _slot.Status().RefusedReason);

        await Store.PublishAsync("v3", TrainedModels.Zip, Manifest("v3"), CancellationToken.None);
        File.Delete(Path.Combine(_dir, "v3", "model.zip"));
        Assert.False(await watcher.CheckAsync(CancellationToken.None));

        Assert.Null(_slot.Current);
        Assert.Contains("incomplete", _slot.Status().RefusedReason);
    }

    [Fact]
    public void A_version_is_a_name_never_a_path()
    {
        Assert.Throws<InvalidDataException>(() => ModelStoreKeys.Model("../etc"));
        Assert.Throws<InvalidDataException>(() => ModelStoreKeys.Model(""));
        Assert.Equal("20261204T003247Z-a81c17/model.zip", ModelStoreKeys.Model("20261204T003247Z-a81c17"));
    }
}
