using Orleans.Configuration;
using Orleans.Streams;
using Personalization.Silo.Hosting;
using Orleans.Providers.Streams.Common;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>
/// The embedded mode's stream provider: Orleans' persistent-stream machinery (pulling agents, queue cache,
/// implicit subscriptions) over <see cref="InProcessQueues"/>. It replaces Orleans' memory streams, whose
/// every publish is serialized and sent to a queue grain: here a publish is one channel write.
/// </summary>
public sealed class InProcessQueueAdapterFactory(string name, IServiceProvider services, StreamingOptions options) : IQueueAdapterFactory
{
    private readonly StreamingOptions _options = options;
    private HashRingBasedStreamQueueMapper? _mapper;
    private SimpleQueueAdapterCache? _cache;

    private HashRingBasedStreamQueueMapper Mapper =>
        _mapper ??= new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = _options.Partitions }, name);

    public Task<IQueueAdapter> CreateAdapter()
    {
        var queues = services.GetRequiredService<InProcessCluster>().Queues(name, _options.MemoryQueueCapacity);
        return Task.FromResult<IQueueAdapter>(new InProcessQueueAdapter(name, Mapper, queues));
    }

    public IQueueAdapterCache GetQueueAdapterCache() =>
        _cache ??= new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = _options.CacheSize }, name, services.GetRequiredService<ILoggerFactory>());

    public IStreamQueueMapper GetStreamQueueMapper() => Mapper;

    /// <summary>A batch a grain kept failing on is logged and skipped: the embedded mode has no dead-letter log.</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new InProcessDeliveryFailureHandler(services.GetRequiredService<ILogger<InProcessDeliveryFailureHandler>>()));
}
