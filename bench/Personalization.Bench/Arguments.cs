namespace Personalization.Bench;

/// <summary>Command-line options of the bench; see bench/run.sh and docs/performance.md.</summary>
public sealed record Arguments(string Mode, IReadOnlyList<string> Systems, IReadOnlyList<string>? ScenarioNames, int Seed, string OutDirectory, string Command, ChildArguments? Child)
{
    public static readonly string[] AllSystems = ["cluster", "redis", "in-process"];

    public static Arguments Parse(string[] args)
    {
        string mode = "quick", outDirectory = Path.Combine("bench", "results");
        string? system = null, scenarioFile = null, outFile = null;
        IReadOnlyList<string> systems = AllSystems;
        IReadOnlyList<string>? scenarioNames = null;
        var seed = 42;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--mode": mode = Value(); break;
                case "--systems": systems = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--scenarios": scenarioNames = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--seed": seed = int.Parse(Value()); break;
                case "--out": outDirectory = Value(); break;
                case "--child-system": system = Value(); break;
                case "--child-scenario": scenarioFile = Value(); break;
                case "--child-out": outFile = Value(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --mode quick|full, --systems cluster,redis,in-process, --scenarios NAME,..., --seed N, --out DIR.");
            }
        }

        if (mode is not ("quick" or "full")) throw new ArgumentException($"--mode must be quick or full, not '{mode}'.");
        foreach (var name in systems)
            if (!AllSystems.Contains(name)) throw new ArgumentException($"Unknown system '{name}'; use {string.Join(", ", AllSystems)}.");
        var child = system is null ? null : new ChildArguments(system, scenarioFile!, outFile!);
        return new Arguments(mode, systems, scenarioNames, seed, outDirectory, "bench/run.sh " + string.Join(' ', args), child);
    }
}

public sealed record ChildArguments(string System, string ScenarioFile, string OutFile);
