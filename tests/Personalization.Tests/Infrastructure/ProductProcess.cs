using System.Collections.Concurrent;
using System.Diagnostics;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// One built executable of the product (a silo or the standalone API) started with <c>dotnet &lt;dll&gt;</c>
/// on loopback, its output kept for failure messages. <see cref="StopAsync"/> asks it to stop as an orchestrator does; <see cref="Kill"/> ends it hard (the whole process
/// tree, no shutdown hooks), like a crashed machine; dispose kills whatever is still running.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ProductProcess(string name, Process process, Uri? baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri? BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The executable's dll in its own build output (so its own deps and runtimeconfig apply).</summary>
    public static string Dll(string projectDirectory, string assemblyName)
    {
        var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testOutput);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
        var root = new DirectoryInfo(testOutput);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Personalization.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No Personalization.sln above {testOutput}.");
        var dll = Path.Combine(root.FullName, projectDirectory, "bin", configuration, framework, assemblyName + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first.");
    }

    public static ProductProcess Start(string name, string dll, IEnumerable<string> arguments, Uri? baseAddress = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Four processes share two cores with the test: workstation GC keeps each one light.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var product = new ProductProcess(name, process, baseAddress);
        process.OutputDataReceived += (_, e) => product.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => product.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return product;
    }

    /// <summary>Runs to completion (a verb such as migrate); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Polls <c>/health</c> until it answers 200; fails with the process output if it exits or times out.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy.\n{Output}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} was not healthy within {timeout}.\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Asks the process to stop (SIGTERM, as Kubernetes and compose do) and waits; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"Could not signal {Name} (pid {_process.Id}).");
        }

        try
        {
            return await WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM.\n{Output}");
        }
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public string Output => $"--- last output of {Name} ---\n" + string.Join('\n', _output);

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }
}
