using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Builds the persistent stream provider over the log: one queue per partition
/// (<see cref="HashRingBasedPartitionedStreamQueueMapper"/>), a bounded <see cref="SimpleQueueAdapterCache"/>
/// per queue (its size is the backpressure), our receivers and failure handlers.
/// </summary>
public sealed class LogQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly IServiceProvider _services;
    private readonly StreamingOptions _options;
    private readonly HashRingBasedPartitionedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly PartitionRegistry _registry;

    public LogQueueAdapterFactory(string name, IServiceProvider services)
    {
        _name = name;
        _services = services;
        _options = services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        _registry = services.GetRequiredService<PartitionRegistry>();
        var partitions = Enumerable.Range(0, _options.Partitions).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
        _mapper = new HashRingBasedPartitionedStreamQueueMapper(partitions, name);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = _options.CacheSize }, name, services.GetRequiredService<ILoggerFactory>());
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(new LogQueueAdapter(_name, _mapper, CreateReceiver));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new LogDeliveryFailureHandler(LogQueueAdapter.PartitionOf(_mapper, queueId), _registry));

    private LogQueueReceiver CreateReceiver(int partition) => new(
        partition,
        _services.GetRequiredService<ILogTransport>(),
        _services.GetRequiredService<LogRecordDecoder>(),
        _services.GetRequiredService<ICheckpointGate>(),
        _services.GetRequiredService<DeadLetterSink>(),
        _registry,
        _services.GetRequiredService<StreamMetrics>(),
        _options,
        _services.GetRequiredService<TimeProvider>(),
        _services.GetRequiredService<ILogger<LogQueueReceiver>>(),
        _services.GetService<ILogEventSink>());
}
