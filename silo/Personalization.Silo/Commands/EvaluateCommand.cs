using Personalization.Silo.Evaluation;

namespace Personalization.Silo.Commands;

/// <summary>
/// <c>evaluate</c>: measures offer quality through the running product against a public dataset and
/// prints the table next to the published rows and offline baselines (docs/quality.md).
/// </summary>
public sealed class EvaluateCommand : ISiloCommand
{
    public string Name => "evaluate";

    public string Summary => "replay a dataset through the API and score the offers (HR/NDCG vs published rows)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(EvaluationSettings.Help);
            return 0;
        }

        EvaluationSettings settings;
        try
        {
            settings = EvaluationSettings.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        try
        {
            var report = await EvaluationRun.RunAsync(settings, "evaluate " + string.Join(' ', args), Console.Out, cancellationToken);
            Console.WriteLine();
            Console.WriteLine(report.ToMarkdown());
            return 0;
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"Dataset absent: {e.Message}");
            return 3;
        }
    }
}
