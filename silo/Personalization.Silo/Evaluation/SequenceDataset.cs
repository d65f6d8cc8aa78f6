using System.Text.Json;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// Reads the S3-Rec sequence format (<c>user item item ...</c> per line, in time order, no timestamps)
/// and an optional <c>item2attributes.json</c> (item id → attribute ids: category and brand), and
/// prepares the published leave-one-out protocol: the last item of each user is the target, the
/// sequence before it is the history, and the history is excluded from the ranking. With
/// <see cref="EvaluationTarget.Validation"/> the last item is dropped altogether and the second-to-last
/// is the target, as the protocol allows for model selection: tuning never looks at the test items.
/// </summary>
/// <remarks>
/// The file has no timestamps, so each user's history gets synthetic ones: item i (from 0) at
/// <c>start + i × step</c>, every user starting at the same instant. Consecutive items are one step
/// apart (a minute by default), well inside the session timeout, so one user's history is one
/// session; all events lie within a few hours, so no decay (half-lives of days) changes a score by
/// more than a few per cent, and a different step gives the same ranking (see docs/quality.md).
/// </remarks>
public static class SequenceDataset
{
    public static readonly DateTimeOffset SyntheticStart = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static EvaluationData Load(string sequencesPath, string? attributesPath, int? maxUsers, TimeSpan step, EvaluationTarget target = EvaluationTarget.Test)
    {
        if (!File.Exists(sequencesPath))
            throw new FileNotFoundException($"The sequence file '{sequencesPath}' does not exist. Pass --path to a file with one 'user item item ...' line per user (e.g. ../shared/datasets/amazon-beauty/Beauty.txt).", sequencesPath);

        var attributes = attributesPath is not null && File.Exists(attributesPath) ? ReadAttributes(attributesPath) : [];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = new List<UserCase>();
        foreach (var line in File.ReadLines(sequencesPath))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3) continue; // a user needs a history and a target
            foreach (var item in parts.Skip(1)) counts[item] = counts.GetValueOrDefault(item) + 1;
            if (maxUsers is { } max && users.Count >= max) continue;
            if (target == EvaluationTarget.Validation)
            {
                if (parts.Length < 4) continue; // no history before the validation item
                parts = parts[..^1];
            }

            var history = new List<HistoryOrder>(parts.Length - 2);
            for (var i = 1; i < parts.Length - 1; i++)
            {
                history.Add(new HistoryOrder($"{parts[0]}-{i}", SyntheticStart + step * (i - 1), [new OrderLine(parts[i], 1, null)]));
            }

            users.Add(new UserCase(parts[0], history, new HashSet<string>(StringComparer.Ordinal) { parts[^1] }));
        }

        // With a user limit, PopRec still counts the whole file, as the published row does.
        var catalog = counts.Keys
            .Select(id => Item(id, attributes.GetValueOrDefault(id)))
            .OrderBy(i => i.Id.Length).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var name = Path.GetFileNameWithoutExtension(sequencesPath);
        var protocol = target == EvaluationTarget.Validation
            ? "leave-one-out, VALIDATION target (second-to-last item; the last is never shown), full ranking, history excluded"
            : "leave-one-out, full ranking, history excluded";
        return new EvaluationData(name, protocol, catalog, users, users, counts, [5, 10, 20]);
    }

    /// <summary>
    /// Attribute ids become category levels (the content index and category affinities read them);
    /// the file does not say which id is the brand, so none is claimed.
    /// </summary>
    private static CatalogItem Item(string id, int[]? attributes) =>
        new(id, $"item {id}", attributes is null ? [] : [.. attributes.Select(a => "attr-" + a)], null, null);

    private static Dictionary<string, int[]> ReadAttributes(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, int[]>>(stream)
            ?? throw new InvalidDataException($"'{path}' is not a JSON object of item id → attribute id arrays.");
    }
}
