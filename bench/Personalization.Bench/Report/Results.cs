using Personalization.Bench.Measure;
using Personalization.Bench.Workload;

namespace Personalization.Bench.Report;

/// <summary>One scenario: a workload shape and how much of the measurement suite to run on it.</summary>
public sealed record Scenario(
    string Name,
    WorkloadShape Shape,
    double[] Rates,
    double RateSeconds,
    double ThroughputSeconds,
    int FreshnessProbes,
    bool Queries);

/// <summary>Everything one system measured in one scenario (written by a child process).</summary>
public sealed record SystemResult(
    string System,
    string Scenario,
    WorkloadShape Shape,
    string AppliedDefinition,
    List<IngestResult> Ingestion,
    long VerifyMismatches,
    List<QueryResult> Queries,
    List<FreshnessResult> Freshness,
    MemoryResult Memory,
    IReadOnlyDictionary<string, double> Extras);

public sealed record IngestResult(string Path, int Events, double Seconds, double EventsPerSecond);

public sealed record QueryResult(string Path, string Query, List<LatencySummary> AtRates, double MaxThroughput);

public sealed record FreshnessResult(string IngestPath, string QueryPath, int Probes, int TimedOut, double P50Ms, double P99Ms, double MaxMs);

/// <summary>Memory before anything, after the catalogue, after all events; per product and per active customer.</summary>
public sealed record MemoryResult(
    int Products,
    int ActiveCustomers,
    int Sessions,
    MemoryReading Baseline,
    MemoryReading AfterCatalog,
    MemoryReading AfterEvents,
    double PerProductManaged,
    double PerProductResident,
    double PerCustomerManaged,
    double PerCustomerResident);

/// <summary>A whole run: the machine, the command, every system's results per scenario.</summary>
public sealed record RunResult(
    string Mode,
    string Command,
    DateTimeOffset StartedAt,
    double Seconds,
    MachineInfo Machine,
    List<Scenario> Scenarios,
    List<SystemResult> Results);

public sealed record MachineInfo(int Processors, long MemoryBytes, string Cpu, string Os, string Runtime, string Gc, string Redis, string LoadAtStart, string LoadAtEnd)
{
    /// <summary>1, 5 and 15-minute load averages: on a shared machine, what else competed for the cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static MachineInfo Read(string loadAtStart)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var memory = File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var gc = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        return new MachineInfo(Environment.ProcessorCount, memory, cpu, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, gc, RedisVersion(), loadAtStart, LoadAverage());
    }

    private static string RedisVersion()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-server", "--version") { RedirectStandardOutput = true });
            var text = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not installed";
        }
    }
}
