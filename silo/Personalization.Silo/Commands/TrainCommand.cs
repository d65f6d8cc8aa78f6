using Personalization.Domain;
using Personalization.Silo.Models;
using Personalization.Silo.Training;

namespace Personalization.Silo.Commands;

/// <summary>
/// <c>train</c>: trains the learned offer ranker from the Parquet lake and publishes it to the model
/// store, where silos pick it up without a restart (docs/quality.md).
/// </summary>
public sealed class TrainCommand : ISiloCommand
{
    public string Name => "train";

    public string Summary => "train the offer ranker from the Parquet lake and publish it to the model store (silos hot-swap it)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(TrainingSettings.Help);
            return 0;
        }

        TrainingSettings settings;
        try
        {
            settings = TrainingSettings.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"train: {e.Message}");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings.Configuration])
            .Build();
        var options = new RankingOptions();
        configuration.GetSection(RankingOptions.SectionName).Bind(options);

        try
        {
            var catalog = settings.CatalogPath is null ? [] : CatalogFile.Read(settings.CatalogPath);
            if (catalog.Count == 0) Console.WriteLine("train: no --catalog given: content neighbours are absent from training, so content features stay zero.");
            var outcome = await TrainingRun.RunAsync(settings, LakeReaders.Create(configuration), ModelStores.Create(configuration), options, catalog, Console.Out, cancellationToken);
            Console.WriteLine($"train: {outcome.Message}");
            return outcome.Published || settings.DryRun ? 0 : 4;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FileNotFoundException)
        {
            Console.Error.WriteLine($"train: {e.Message}");
            return 3;
        }
    }
}
