using System.Globalization;

namespace Personalization.Silo.Evaluation;

/// <summary>The options of the <c>evaluate</c> verb; defaults point at ../shared/datasets.</summary>
public sealed class EvaluationSettings
{
    public const string DatasetsRoot = "../shared/datasets";

    /// <summary><c>beauty</c> (any file in the S3-Rec sequence format) or <c>retail</c> (UCI Online Retail format).</summary>
    public string Dataset { get; set; } = "beauty";

    public string? Path { get; set; }
    public string? Attributes { get; set; }
    public string? Products { get; set; }
    public DateTimeOffset Cutoff { get; set; } = RetailDataset.DefaultCutoff;

    /// <summary>The published test target, or the validation target for tuning and model selection.</summary>
    public EvaluationTarget Target { get; set; } = EvaluationTarget.Test;

    /// <summary>Only the first N users (smoke runs); the published protocol needs all.</summary>
    public int? Users { get; set; }

    /// <summary>Which rankers to run: live (the API, heuristic), model (the API after training from its lake and a hot swap), inprocess (same ranking code without the cluster, for tuning), poprec (whole-file counts), pop (history counts), knn (item-kNN).</summary>
    public HashSet<string> Rankers { get; set; } = new(StringComparer.OrdinalIgnoreCase) { "live", "model", "poprec", "pop", "knn" };

    /// <summary>Gap between consecutive synthetic timestamps of a sequence dataset.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(1);

    public string Output { get; set; } = "evaluation-results";

    public int Parallelism { get; set; } = 8;

    /// <summary>How the learned ranker is trained (the <c>train</c> verb's settings, given as <c>--train-NAME value</c>); always published, so both rows show.</summary>
    public Training.TrainingSettings Training { get; private set; } = new() { Force = true };

    private readonly List<string> _trainingArgs = ["--force"];

    /// <summary>Configuration passed to the product (e.g. --Ranking:CoOccurrenceWindow=5).</summary>
    public List<string> ProductSettings { get; } = [];

    public string SequencePath => Path ?? System.IO.Path.Combine(DatasetsRoot, "amazon-beauty", "Beauty.txt");

    public string? AttributesPath => Attributes ?? (Path is null
        ? System.IO.Path.Combine(DatasetsRoot, "amazon-beauty", "Beauty_item2attributes.json")
        : SiblingAttributes(Path));

    public string RetailPath => Path ?? System.IO.Path.Combine(DatasetsRoot, "online-retail", "online_retail.csv.gz");

    public string? ProductsPath => Products ?? (Path is null ? System.IO.Path.Combine(DatasetsRoot, "online-retail", "products.csv") : null);

    /// <summary>Parses <c>--name value</c> pairs; <c>--Section:Key=value</c> goes to the product.</summary>
    public static EvaluationSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new EvaluationSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':'))
            {
                settings.ProductSettings.Add(arg);
                continue;
            }

            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {arg} needs a value.");
            if (arg.StartsWith("--train-", StringComparison.Ordinal))
            {
                settings._trainingArgs.AddRange(["--" + arg["--train-".Length..], Value()]);
                continue;
            }

            switch (arg)
            {
                case "--dataset": settings.Dataset = Value().ToLowerInvariant(); break;
                case "--path": settings.Path = Value(); break;
                case "--attributes": settings.Attributes = Value(); break;
                case "--products": settings.Products = Value(); break;
                case "--cutoff": settings.Cutoff = DateTimeOffset.Parse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal); break;
                case "--target": settings.Target = Enum.Parse<EvaluationTarget>(Value(), ignoreCase: true); break;
                case "--users": settings.Users = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rankers": settings.Rankers = new(Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase); break;
                case "--step-seconds": settings.Step = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--out": settings.Output = Value(); break;
                case "--parallelism": settings.Parallelism = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{arg}'. Run 'evaluate --help' for the list.");
            }
        }

        settings.Training = Personalization.Silo.Training.TrainingSettings.Parse(settings._trainingArgs);
        if (settings.Dataset is not ("beauty" or "retail")) throw new ArgumentException($"--dataset must be 'beauty' or 'retail', not '{settings.Dataset}'.");
        return settings;
    }

    public const string Help = """
        Usage: evaluate [--dataset beauty|retail] [options] [--Section:Key=value ...]
          --dataset beauty     a sequence file, 'user item item ...' per line (S3-Rec format); leave-one-out
          --dataset retail     UCI Online Retail CSV (.gz); time split at --cutoff, next basket's new products
          --path FILE          the data file (default: ../shared/datasets/...)
          --attributes FILE    item2attributes.json for a sequence file (default: beside --path)
          --products FILE      products.csv catalogue for retail (default: the shared one)
          --cutoff DATE        retail split date (default 2011-10-01)
          --target test|validation  the published test target (default), or the validation target
                               (second-to-last item; retail: the split moved back 60 days) for tuning
          --users N            only the first N users (smoke runs)
          --rankers LIST       live,model,poprec,pop,knn (default); inprocess, inprocess-model (tuning aids)
                               live: the heuristic through the API; model: train from the lake the live run
                               wrote, publish, let the silo hot-swap, score through the API again
          --train-NAME VALUE   a train option for the model rows (e.g. --train-max-queries 40000)
          --step-seconds S     gap of the synthetic timestamps of a sequence file (default 60)
          --out DIR            where results.json and results.md go (default evaluation-results)
          --Section:Key=value  configuration for the product under test (e.g. --Ranking:CoOccurrenceWindow=5)
        """;

    private static string? SiblingAttributes(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var candidate = System.IO.Path.Combine(dir, name + "_item2attributes.json");
        return File.Exists(candidate) ? candidate : null;
    }
}
