using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Personalization.Bench.Systems;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, in memory only (no RDB, no AOF), as the
/// Lambda + Redis architecture would run it for hot state. Started and stopped by the bench.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    public int Port { get; }

    public int ProcessId => _process.Id;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static async Task<RedisServer> StartAsync()
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not installed; run bench/run.sh, which installs the Debian package redis-server.");
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new RedisServer(process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private static string? FindExecutable() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
