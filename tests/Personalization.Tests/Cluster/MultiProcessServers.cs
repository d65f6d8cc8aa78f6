using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Cluster;

/// <summary>The servers a production cluster runs on, each real and on loopback: PostgreSQL, NATS JetStream and s3rver.</summary>
public sealed class MultiProcessServers : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new();

    public NatsServer Nats { get; } = new();

    public S3Server S3 { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), Nats.InitializeAsync(), S3.InitializeAsync());

    public async Task DisposeAsync()
    {
        await S3.DisposeAsync();
        await Nats.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MultiProcessCollection : ICollectionFixture<MultiProcessServers>
{
    public const string Name = "multi-process";
}
