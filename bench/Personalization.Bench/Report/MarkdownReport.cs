using System.Globalization;
using System.Text;

namespace Personalization.Bench.Report;

/// <summary>
/// Renders a run as Markdown tables: every figure for the three systems side by side, with the
/// ratios between them (cluster ÷ Redis, cluster ÷ in-process, Redis ÷ in-process).
/// </summary>
public static class MarkdownReport
{
    private static readonly string[] Systems = ["cluster", "redis", "in-process"];

    public static string Render(RunResult run)
    {
        var md = new StringBuilder();
        var m = run.Machine;
        md.AppendLine($"Run `{run.Command}` ({run.Mode} mode) at {run.StartedAt:u}, {run.Seconds:F0} s.");
        md.AppendLine($"Machine: {m.Processors} cores ({m.Cpu}), {m.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {m.Os}, {m.Runtime}, {m.Gc} GC; {m.Redis}.");
        md.AppendLine($"Load average (1/5/15 min) at start: {m.LoadAtStart}; at end: {m.LoadAtEnd}. On a shared machine a load above the core count means the systems competed with other work for the CPU.");
        md.AppendLine();
        foreach (var scenario in run.Scenarios)
        {
            var results = run.Results.Where(r => r.Scenario == scenario.Name).ToDictionary(r => r.System);
            if (results.Count == 0) continue;
            md.AppendLine($"### Scenario `{scenario.Name}`: {scenario.Shape}");
            md.AppendLine();
            Ingestion(md, results);
            Queries(md, scenario, results);
            Freshness(md, results);
            Memory(md, results);
        }

        Scaling(md, run);
        return md.ToString();
    }

    private static void Header(StringBuilder md, string figure)
    {
        md.AppendLine($"| {figure} | cluster | redis | in-process | cluster ÷ redis | cluster ÷ in-process | redis ÷ in-process |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
    }

    private static void Row(StringBuilder md, string label, double? cluster, double? redis, double? inProcess, Func<double, string> format)
    {
        string Cell(double? v) => v is { } x ? format(x) : "–";
        string Ratio(double? a, double? b) => a is { } x && b is { } y && y != 0 ? $"×{x / y:0.##}" : "–";
        md.AppendLine($"| {label} | {Cell(cluster)} | {Cell(redis)} | {Cell(inProcess)} | {Ratio(cluster, redis)} | {Ratio(cluster, inProcess)} | {Ratio(redis, inProcess)} |");
    }

    private static void Ingestion(StringBuilder md, Dictionary<string, SystemResult> results)
    {
        Header(md, "ingestion, events/s until applied");
        var shares = results.Values.Max(r => r.Ingestion.Count);
        for (var i = 0; i < shares; i++)
        {
            var label = string.Join(" / ", Systems.Select(s => results.TryGetValue(s, out var r) && i < r.Ingestion.Count ? $"{r.Ingestion[i].Path}" : "–"));
            var events = results.Values.First().Ingestion[i].Events;
            Row(md, $"half {i + 1} ({events:N0} events): {label}", Get(results, "cluster", r => r.Ingestion[i].EventsPerSecond),
                Get(results, "redis", r => r.Ingestion[i].EventsPerSecond), Get(results, "in-process", r => r.Ingestion[i].EventsPerSecond), Number);
        }

        var bad = string.Join(", ", results.Values.Select(r => $"{r.System}: {r.VerifyMismatches}"));
        md.AppendLine();
        md.AppendLine($"Counters that differ from the log after ingestion (must be 0): {bad}.");
        md.AppendLine();
    }

    private static void Queries(StringBuilder md, Scenario scenario, Dictionary<string, SystemResult> results)
    {
        if (!scenario.Queries) return;
        Header(md, "query latency p50 / p99 / p99.9 ms (open loop); ratios of p99");
        foreach (var query in new[] { "offers", "similar" })
        {
            foreach (var clusterPath in results.TryGetValue("cluster", out var c) ? c.Queries.Where(q => q.Query == query).Select(q => (string?)q.Path).ToList() : [(string?)null])
            {
                foreach (var rate in scenario.Rates)
                {
                    string? Cell(string system)
                    {
                        var summary = Query(results, system, query, system == "cluster" ? clusterPath : null)?.AtRates.FirstOrDefault(a => a.TargetRate == rate);
                        return summary is null ? null : $"{summary.P50Ms:0.###} / {summary.P99Ms:0.###} / {summary.P999Ms:0.###}{(summary.Saturated ? " (saturated)" : "")}";
                    }

                    double? P99(string system) => Query(results, system, query, system == "cluster" ? clusterPath : null)?.AtRates.FirstOrDefault(a => a.TargetRate == rate)?.P99Ms;
                    string Ratio(double? a, double? b) => a is { } x && b is { } y && y != 0 ? $"×{x / y:0.##}" : "–";
                    md.AppendLine($"| {query} @ {rate:N0}/s (cluster: {clusterPath ?? "–"}) | {Cell("cluster") ?? "–"} | {Cell("redis") ?? "–"} | {Cell("in-process") ?? "–"} | {Ratio(P99("cluster"), P99("redis"))} | {Ratio(P99("cluster"), P99("in-process"))} | {Ratio(P99("redis"), P99("in-process"))} |");
                }
            }
        }

        md.AppendLine();
        Header(md, "max throughput, requests/s (closed loop)");
        foreach (var query in new[] { "offers", "similar" })
        {
            foreach (var clusterPath in results.TryGetValue("cluster", out var c) ? c.Queries.Where(q => q.Query == query).Select(q => (string?)q.Path).ToList() : [(string?)null])
            {
                Row(md, $"{query} (cluster: {clusterPath ?? "–"})", Query(results, "cluster", query, clusterPath)?.MaxThroughput,
                    Query(results, "redis", query, null)?.MaxThroughput, Query(results, "in-process", query, null)?.MaxThroughput, Number);
            }
        }

        md.AppendLine();
    }

    private static void Freshness(StringBuilder md, Dictionary<string, SystemResult> results)
    {
        if (results.Values.All(r => r.Freshness.Count == 0)) return;
        Header(md, "freshness, event accepted → visible in offers, p50 / p99 ms");
        var count = results.Values.Max(r => r.Freshness.Count);
        for (var i = 0; i < count; i++)
        {
            string? Cell(string s) => results.TryGetValue(s, out var r) && r.Freshness.Count > 0
                ? $"{r.Freshness[Math.Min(i, r.Freshness.Count - 1)].P50Ms:0.###} / {r.Freshness[Math.Min(i, r.Freshness.Count - 1)].P99Ms:0.###}" : null;
            double? P99(string s) => results.TryGetValue(s, out var r) && r.Freshness.Count > 0 ? r.Freshness[Math.Min(i, r.Freshness.Count - 1)].P99Ms : null;
            string Ratio(double? a, double? b) => a is { } x && b is { } y && y != 0 ? $"×{x / y:0.#}" : "–";
            var path = results.TryGetValue("cluster", out var c) && i < c.Freshness.Count ? c.Freshness[i].IngestPath : "–";
            var timedOut = results.Values.Sum(r => r.Freshness.Sum(f => f.TimedOut));
            md.AppendLine($"| cluster via {path} | {Cell("cluster") ?? "–"} | {Cell("redis") ?? "–"} | {Cell("in-process") ?? "–"} | {Ratio(P99("cluster"), P99("redis"))} | {Ratio(P99("cluster"), P99("in-process"))} | {Ratio(P99("redis"), P99("in-process"))} |");
            if (i == count - 1 && timedOut > 0) md.AppendLine($"\n{timedOut} probes did not become visible within 5 s.");
        }

        md.AppendLine();
    }

    private static void Memory(StringBuilder md, Dictionary<string, SystemResult> results)
    {
        var any = results.Values.First().Memory;
        Header(md, $"memory, bytes ({any.Products:N0} products, {any.ActiveCustomers:N0} active customers, {any.Sessions:N0} sessions)");
        Row(md, "per product, managed heap (redis: used_memory)", Get(results, "cluster", r => r.Memory.PerProductManaged), Get(results, "redis", r => r.Memory.PerProductManaged), Get(results, "in-process", r => r.Memory.PerProductManaged), Number);
        Row(md, "per product, RSS", Get(results, "cluster", r => r.Memory.PerProductResident), Get(results, "redis", r => r.Memory.PerProductResident), Get(results, "in-process", r => r.Memory.PerProductResident), Number);
        Row(md, "per active customer (with its sessions), managed heap (redis: used_memory)", Get(results, "cluster", r => r.Memory.PerCustomerManaged), Get(results, "redis", r => r.Memory.PerCustomerManaged), Get(results, "in-process", r => r.Memory.PerCustomerManaged), Number);
        Row(md, "per active customer (with its sessions), RSS", Get(results, "cluster", r => r.Memory.PerCustomerResident), Get(results, "redis", r => r.Memory.PerCustomerResident), Get(results, "in-process", r => r.Memory.PerCustomerResident), Number);
        Row(md, "total after events, RSS MiB", Get(results, "cluster", r => r.Memory.AfterEvents.Resident / 1048576.0), Get(results, "redis", r => r.Memory.AfterEvents.Resident / 1048576.0), Get(results, "in-process", r => r.Memory.AfterEvents.Resident / 1048576.0), Number);
        md.AppendLine();
    }

    private static void Scaling(StringBuilder md, RunResult run)
    {
        if (run.Scenarios.Count < 2) return;
        md.AppendLine("### Scaling: how the figures change with catalogue size and active customers");
        md.AppendLine();
        md.AppendLine("| scenario | products | active customers | events | ingestion events/s (cluster / redis / in-process) | offers p99 ms @ top rate (cluster grain / redis / in-process) | similar p99 ms | bytes per active customer, managed (cluster / redis / in-process) |");
        md.AppendLine("|---|---:|---:|---:|---|---|---|---|");
        foreach (var scenario in run.Scenarios)
        {
            var results = run.Results.Where(r => r.Scenario == scenario.Name).ToDictionary(r => r.System);
            if (results.Count == 0) continue;
            var top = scenario.Rates.Max();
            string Three(Func<SystemResult, double?> pick, Func<double, string> format) =>
                string.Join(" / ", Systems.Select(s => results.TryGetValue(s, out var r) && pick(r) is { } v ? format(v) : "–"));
            double? P99(SystemResult r, string query) => r.Queries.FirstOrDefault(q => q.Query == query)?.AtRates.FirstOrDefault(a => a.TargetRate == top)?.P99Ms;
            var customers = results.Values.First().Memory.ActiveCustomers;
            md.AppendLine($"| {scenario.Name} | {scenario.Shape.Products:N0} | {customers:N0} | {scenario.Shape.Events:N0} | {Three(r => r.Ingestion.Count > 0 ? r.Ingestion[0].EventsPerSecond : null, Number)} | {Three(r => P99(r, "offers"), Ms)} | {Three(r => P99(r, "similar"), Ms)} | {Three(r => r.Memory.PerCustomerManaged, Number)} |");
        }

        md.AppendLine();
    }

    private static QueryResult? Query(Dictionary<string, SystemResult> results, string system, string query, string? path) =>
        results.TryGetValue(system, out var r) ? r.Queries.FirstOrDefault(q => q.Query == query && (path is null || q.Path == path)) : null;

    private static double? Get(Dictionary<string, SystemResult> results, string system, Func<SystemResult, double> pick) =>
        results.TryGetValue(system, out var r) ? pick(r) : null;

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
