using System.Diagnostics;

namespace Personalization.Bench;

/// <summary>Starts this same program as a child that measures one system on one scenario.</summary>
public static class ChildProcess
{
    public static async Task<int> RunAsync(string system, string scenarioFile, string outFile)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The bench cannot find its own executable.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        // Under `dotnet bench.dll` the process is dotnet itself: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in new[] { "--child-system", system, "--child-scenario", scenarioFile, "--child-out", outFile }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The child bench process did not start.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
