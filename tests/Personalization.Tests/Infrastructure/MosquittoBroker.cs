namespace Personalization.Tests.Infrastructure;

/// <summary>A real <c>mosquitto</c> broker on a free loopback port with persistence in a temp directory.</summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly string _directory;

    private MosquittoBroker(ServerProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var port = FreePort.Next();
        var directory = Path.Combine(Path.GetTempPath(), "mosquitto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {directory}/
            """);
        var process = await ServerProcess.StartAsync("mosquitto", $"-c {config}", port);
        return new MosquittoBroker(process, directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
