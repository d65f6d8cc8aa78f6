namespace Personalization.Tests.Infrastructure;

/// <summary>A real <c>nats-server -js</c> on a free loopback port with its store in a temp directory, per test collection.</summary>
public sealed class NatsServer : IAsyncLifetime
{
    private ServerProcess? _process;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nats-" + Guid.NewGuid().ToString("N"));

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        Directory.CreateDirectory(_directory);
        _process = await ServerProcess.StartAsync("nats-server", $"-js -a 127.0.0.1 -p {port} -sd {_directory}", port);
        Url = $"nats://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServer>
{
    public const string Name = "nats";
}
