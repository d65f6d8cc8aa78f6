using System.Diagnostics;
using System.Text.Json;
using Personalization.Bench;
using Personalization.Bench.Report;
using Personalization.Bench.Systems;

// bench [--mode quick|full] [--systems cluster,redis,in-process] [--scenarios main,...] [--seed N] [--out DIR]
// Each (scenario, system) pair runs in a child process of this same program, so memory figures are the system's own.
var options = Arguments.Parse(args);
if (options.Child is { } child)
{
    var scenario = JsonSerializer.Deserialize<Scenario>(await File.ReadAllTextAsync(child.ScenarioFile), Json.Options)!;
    await using IBenchSystem system = child.System switch
    {
        "cluster" => new ClusterSystem(),
        "redis" => new RedisSystem(),
        "in-process" => new InProcessSystem(),
        _ => throw new ArgumentException($"Unknown system '{child.System}'; use cluster, redis or in-process."),
    };
    var result = await new SystemRunner(system, scenario).RunAsync();
    await File.WriteAllTextAsync(child.OutFile, JsonSerializer.Serialize(result, Json.Options));
    // The silo's graceful stop deactivates every grain (tens of seconds with 100k+ activations) and measures nothing;
    // the child's state dies with it anyway. Other systems stop their servers in DisposeAsync.
    if (system is ClusterSystem) Environment.Exit(0);
    return 0;
}

var started = DateTimeOffset.UtcNow;
var loadAtStart = MachineInfo.LoadAverage();
var clock = Stopwatch.StartNew();
var scenarios = Scenarios.For(options.Mode, options.Seed, options.ScenarioNames);
Directory.CreateDirectory(options.OutDirectory);
var work = Directory.CreateTempSubdirectory("bench-");
var results = new List<SystemResult>();
foreach (var scenario in scenarios)
{
    foreach (var system in options.Systems)
    {
        var scenarioFile = Path.Combine(work.FullName, $"{scenario.Name}.json");
        var outFile = Path.Combine(work.FullName, $"{scenario.Name}-{system}.result.json");
        await File.WriteAllTextAsync(scenarioFile, JsonSerializer.Serialize(scenario, Json.Options));
        Console.Error.WriteLine($"== {scenario.Name} ({scenario.Shape}) on {system}");
        var exit = await ChildProcess.RunAsync(system, scenarioFile, outFile);
        if (exit != 0 || !File.Exists(outFile))
        {
            Console.Error.WriteLine($"!! {system} failed on {scenario.Name} (exit code {exit}); its figures are missing from the report.");
            continue;
        }

        results.Add(JsonSerializer.Deserialize<SystemResult>(await File.ReadAllTextAsync(outFile), Json.Options)!);
    }
}

work.Delete(recursive: true);
var run = new RunResult(options.Mode, options.Command, started, Math.Round(clock.Elapsed.TotalSeconds, 1), MachineInfo.Read(loadAtStart), scenarios, results);
var stamp = started.ToString("yyyyMMdd-HHmmss");
var jsonPath = Path.Combine(options.OutDirectory, $"{stamp}-{options.Mode}.json");
var markdownPath = Path.Combine(options.OutDirectory, $"{stamp}-{options.Mode}.md");
await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(run, Json.Options));
var markdown = MarkdownReport.Render(run);
await File.WriteAllTextAsync(markdownPath, markdown);
Console.WriteLine(markdown);
Console.Error.WriteLine($"Wrote {jsonPath} and {markdownPath} in {clock.Elapsed.TotalSeconds:F0}s.");
return 0;
