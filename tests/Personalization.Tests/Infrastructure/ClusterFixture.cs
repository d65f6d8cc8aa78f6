using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Personalization.Api.Ingest;
using Personalization.Events;
using Personalization.Silo.Hosting;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.InProcess;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// An in-process test cluster of two silos with the product's silo configuration (in-memory storage),
/// and a client that publishes to the event streams the way the API does.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IEventPublisher Publisher { get; private set; } = null!;

    private readonly EventValidator _validator = new(new EventLimits(), TimeProvider.System);

    /// <summary>Validates a JSON event the way ingestion does; the tests only build valid ones.</summary>
    public ShopperEvent Valid(JsonObject json) => _validator.Validate(json.ToElement()).Event
        ?? throw new ArgumentException($"The test event is invalid: {_validator.Validate(json.ToElement()).Rejection}");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "memory" })
            .Build();
        // One in-memory scope for both silos and the client: a grain moving between the silos finds its
        // state, and the silos read what the client publishes.
        var shared = new InProcessCluster();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(shared);
            silo.AddPersonalization(configuration);
        });
        builder.ConfigureClient(client => client.AddInProcessEventStreams(StreamingOptions.From(configuration), shared));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Publisher = new StreamEventPublisher(Cluster.Client);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
