using Orleans.Streams;
using Personalization.Silo.Hosting;
using Personalization.Streams;

namespace Personalization.Silo.Streams.InProcess;

public static class InProcessStreams
{
    /// <summary>Events poll every 10 ms (Orleans' default is 100 ms): an event should show in offers within tens of ms.</summary>
    public static readonly TimeSpan QueuePollPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>The embedded mode's event streams on a silo; grains subscribe implicitly, so no pub-sub state is kept.</summary>
    public static ISiloBuilder AddInProcessEventStreams(this ISiloBuilder silo, StreamingOptions options) =>
        silo.AddPersistentStreams(EventStreams.ProviderName, (sp, name) => new InProcessQueueAdapterFactory(name, sp, options), streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = QueuePollPeriod;
                o.BatchContainerBatchSize = options.MemoryDeliveryBatch;
            }));
        });

    /// <summary>
    /// The same streams for a client in this process: an in-process test cluster's client publishes on the
    /// queues of <paramref name="cluster"/>, the instance its silos were given.
    /// </summary>
    public static IClientBuilder AddInProcessEventStreams(this IClientBuilder client, StreamingOptions options, InProcessCluster cluster)
    {
        client.Services.AddSingleton(cluster);
        return client.AddPersistentStreams(EventStreams.ProviderName, (sp, name) => new InProcessQueueAdapterFactory(name, sp, options),
            streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
