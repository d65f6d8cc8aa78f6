namespace Personalization.Tests.Infrastructure;

/// <summary>
/// A real <c>nats-server -js</c> on a free loopback port with its store in a temp directory, per test
/// collection. It can be stopped and started again on the same port and store (outage tests).
/// </summary>
public sealed class NatsServer : IAsyncLifetime
{
    private ServerProcess? _process;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nats-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Next();

    public string Url => $"nats://127.0.0.1:{_port}";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return StartAsync();
    }

    public async Task StartAsync() =>
        _process = await ServerProcess.StartAsync("nats-server", $"-js -a 127.0.0.1 -p {_port} -sd {_directory}", _port);

    public async Task StopAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        _process = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServer>
{
    public const string Name = "nats";
}
