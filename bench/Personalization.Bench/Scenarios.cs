using Personalization.Bench.Report;
using Personalization.Bench.Workload;

namespace Personalization.Bench;

/// <summary>
/// The scenarios of each mode. Quick (~2–3 minutes) is sized for a 2-core machine; full adds bigger
/// catalogues and customer counts and longer latency runs.
/// </summary>
public static class Scenarios
{
    /// <summary>The mode's scenarios, or only those named (so one part of the full mode can run alone).</summary>
    public static List<Scenario> For(string mode, int seed, IReadOnlyList<string>? names = null)
    {
        var all = Of(mode, seed);
        if (names is null) return all;
        var unknown = names.Where(n => !all.Any(s => s.Name == n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown scenario '{string.Join("', '", unknown)}' in {mode} mode; it has {string.Join(", ", all.Select(s => s.Name))}.");
        return [.. all.Where(s => names.Contains(s.Name))];
    }

    private static List<Scenario> Of(string mode, int seed) => mode switch
    {
        "quick" =>
        [
            new("main", new WorkloadShape(10_000, 10_000, 60_000, seed), [500, 2_000], 2, 2, 30, Queries: true),
            new("catalog-100k", new WorkloadShape(100_000, 10_000, 30_000, seed), [2_000], 2, 1, 0, Queries: true),
        ],
        _ =>
        [
            new("main", new WorkloadShape(100_000, 100_000, 1_000_000, seed), [500, 1_000, 2_000, 4_000], 10, 5, 200, Queries: true),
            new("catalog-10k", new WorkloadShape(10_000, 100_000, 500_000, seed), [2_000], 5, 3, 0, Queries: true),
            new("catalog-1m", new WorkloadShape(1_000_000, 100_000, 500_000, seed), [2_000], 5, 3, 0, Queries: true),
            new("customers-1m", new WorkloadShape(100_000, 1_000_000, 6_000_000, seed), [2_000], 5, 3, 0, Queries: true),
        ],
    };
}
