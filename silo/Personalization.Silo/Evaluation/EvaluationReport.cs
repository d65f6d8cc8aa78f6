using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Personalization.Silo.Evaluation;

/// <summary>The results of one evaluation run, written as JSON and as a Markdown table.</summary>
public sealed record EvaluationReport(
    string Dataset,
    string Protocol,
    int Users,
    int CatalogSize,
    long ReplayedEvents,
    string Command,
    DateTimeOffset RunAt,
    IReadOnlyList<RankerResult> Results,
    IReadOnlyList<RankerResult> Published)
{
    /// <summary>The S3-Rec paper's full-ranking table for Amazon Beauty (datasets README), plus ICLRec.</summary>
    public static readonly IReadOnlyList<RankerResult> BeautyPublished =
    [
        Row("PopRec (published)", 0.0152, 0.0068, 0.0217, 0.0084),
        Row("GRU4Rec (published)", 0.0283, 0.0137, 0.0479, 0.0187),
        Row("Caser (published)", 0.0347, 0.0176, 0.0556, 0.0229),
        Row("SASRec (published)", 0.0605, 0.0318, 0.0902, 0.0394),
        Row("BERT4Rec (published)", 0.0347, 0.0170, 0.0599, 0.0233),
        Row("S3-Rec (published)", 0.0647, 0.0327, 0.0994, 0.0414),
        new("ICLRec (published)", 22363, new Dictionary<string, double> { ["HR@10"] = 0.0744, ["NDCG@10"] = 0.0403 }, 0),
    ];

    private static RankerResult Row(string name, double hr10, double ndcg10, double hr20, double ndcg20) =>
        new(name, 22363, new Dictionary<string, double> { ["HR@10"] = hr10, ["NDCG@10"] = ndcg10, ["HR@20"] = hr20, ["NDCG@20"] = ndcg20 }, 0);

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    public string ToMarkdown()
    {
        var columns = Results.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
        var text = new StringBuilder();
        text.AppendLine($"### {Dataset}: {Protocol}");
        text.AppendLine();
        text.AppendLine($"{Users:N0} users scored, {CatalogSize:N0} products, {ReplayedEvents:N0} events replayed; {RunAt:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine($"Command: `{Command}`");
        text.AppendLine();
        text.AppendLine($"| ranker | {string.Join(" | ", columns)} | seconds |");
        text.AppendLine($"| --- |{string.Concat(columns.Select(_ => " ---: |"))} ---: |");
        foreach (var row in Results.Concat(Published))
        {
            var cells = columns.Select(c => row.Metrics.TryGetValue(c, out var v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "");
            text.AppendLine($"| {row.Ranker} | {string.Join(" | ", cells)} | {(row.Seconds > 0 ? row.Seconds.ToString("0.0", CultureInfo.InvariantCulture) : "")} |");
        }

        foreach (var note in Results.Where(r => r.Note is not null)) text.AppendLine().Append($"{note.Ranker}: {note.Note}").AppendLine();
        return text.ToString();
    }
}
