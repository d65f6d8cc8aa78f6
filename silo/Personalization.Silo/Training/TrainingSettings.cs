using System.Globalization;

namespace Personalization.Silo.Training;

/// <summary>The options of the <c>train</c> verb; <c>--Section:Key=value</c> configures the lake, storage, S3 and model store.</summary>
public sealed class TrainingSettings
{
    /// <summary>Catalogue records (the <c>POST /v1/catalog/products</c> JSON, an array or NDJSON) for the content neighbours.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>Decision points sampled from the lake at most. Default 100,000.</summary>
    public int MaxQueries { get; set; } = 100_000;

    /// <summary>The latest share of decision points (in time) that validates. Default 0.2.</summary>
    public double ValidationShare { get; set; } = 0.2;

    public int Trees { get; set; } = 300;
    public int Leaves { get; set; } = 31;
    public int MinLeafExamples { get; set; } = 50;
    public double LearningRate { get; set; } = 0.1;

    /// <summary>Publish even when the model does not beat the heuristic on validation.</summary>
    public bool Force { get; set; }

    /// <summary>Train and report, publish nothing.</summary>
    public bool DryRun { get; set; }

    public List<string> Configuration { get; } = [];

    public static TrainingSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new TrainingSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':'))
            {
                settings.Configuration.Add(arg);
                continue;
            }

            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {arg} needs a value.");
            switch (arg)
            {
                case "--catalog": settings.CatalogPath = Value(); break;
                case "--max-queries": settings.MaxQueries = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--validation-share": settings.ValidationShare = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--trees": settings.Trees = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--leaves": settings.Leaves = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--min-leaf": settings.MinLeafExamples = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--learning-rate": settings.LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--force": settings.Force = true; break;
                case "--dry-run": settings.DryRun = true; break;
                default: throw new ArgumentException($"Unknown option '{arg}'. Run 'train --help' for the list.");
            }
        }

        if (settings.MaxQueries < 10) throw new ArgumentException("--max-queries must be at least 10.");
        if (settings.ValidationShare is <= 0 or >= 1) throw new ArgumentException("--validation-share must lie between 0 and 1.");
        if (settings.Trees < 1 || settings.Leaves < 2 || settings.MinLeafExamples < 1 || settings.LearningRate <= 0)
            throw new ArgumentException("--trees, --leaves (≥ 2), --min-leaf and --learning-rate must be positive.");
        return settings;
    }

    public const string Help = """
        Usage: train [options] [--Section:Key=value ...]
          Reads the Parquet event lake (Storage:Provider local: {Storage:Directory}/{Lake:Prefix}; s3: the S3
          bucket under Lake:Prefix), replays it in time order through the ranking code, trains a FastTree
          LambdaMART offer ranker on the decision points before the validation window, compares it with the
          heuristic on the window, and publishes model.zip + manifest.json to the model store (Model:Store).
          --catalog FILE          catalogue records (POST /v1/catalog/products JSON array or NDJSON) for content neighbours
          --max-queries N         decision points sampled at most (default 100000)
          --validation-share F    latest share of decision points that validates (default 0.2)
          --trees N --leaves N --min-leaf N --learning-rate F   FastTree settings (default 300, 31, 50, 0.1)
          --force                 publish even if the model does not beat the heuristic on validation
          --dry-run               train and report, publish nothing
        """;
}
