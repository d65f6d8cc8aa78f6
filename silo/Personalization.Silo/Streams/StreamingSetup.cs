using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Personalization.Api.Ingest;
using Personalization.Api.Streams;
using Personalization.Events;
using Personalization.Silo.Mqtt;
using Personalization.Silo.Streams.Kafka;
using Personalization.Silo.Streams.Log;
using Personalization.Silo.Streams.Nats;
using Personalization.Streams;

namespace Personalization.Silo.Streams;

public static class StreamingSetup
{
    /// <summary>
    /// Wires the event streams on the durable log when <c>Streaming:Provider</c> is nats or kafka: the
    /// persistent stream provider, the log-backed <see cref="IEventPublisher"/> for HTTP ingest, dead
    /// letters, metrics and the admin status. Returns false for the in-memory provider, which the caller wires.
    /// </summary>
    public static bool TryAddEventLog(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = StreamingOptions.From(configuration);
        var mqtt = configuration.GetSection(MqttBridgeOptions.SectionName).Get<MqttBridgeOptions>() ?? new MqttBridgeOptions();
        var problems = options.Validate().Concat(mqtt.Enabled ? mqtt.Validate() : []).ToList();
        if (mqtt.Enabled && !options.UsesLog) problems.Add("Mqtt:Enabled needs Streaming:Provider 'nats' or 'kafka': the bridge acknowledges a device message only once the log holds it.");
        if (problems.Count > 0) throw new InvalidOperationException("Invalid streaming configuration: " + string.Join(" ", problems));
        var services = silo.Services;
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options);
        if (!options.UsesLog) return false;

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EventLimits>().Bind(configuration.GetSection(EventLimits.SectionName));
        services.TryAddSingleton(sp => new EventValidator(sp.GetRequiredService<IOptions<EventLimits>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILogTransport>(_ => options.Provider.ToLowerInvariant() switch
        {
            StreamingOptions.NatsProvider => new NatsLogTransport(options),
            _ => new KafkaLogTransport(options),
        });
        services.AddMetrics();
        services.AddSingleton<PartitionRegistry>();
        services.AddSingleton<StreamMetrics>();
        services.AddSingleton<DeadLetterSink>();
        services.AddSingleton<LogRecordDecoder>();
        services.TryAddSingleton<ICheckpointGate, DeliveredCheckpointGate>();
        services.AddSingleton<IEventPublisher, LogEventPublisher>();
        services.AddSingleton<IStreamStatusSource, LogStreamStatusSource>();
        if (mqtt.Enabled)
        {
            services.AddSingleton(mqtt);
            services.AddSingleton<MqttBridge>();
            services.AddHostedService(sp => sp.GetRequiredService<MqttBridge>());
        }

        // Grains subscribe implicitly, by stream namespace: no pub-sub grain or store is involved.
        silo.AddPersistentStreams(EventStreams.ProviderName, (sp, name) => new LogQueueAdapterFactory(name, sp),
            streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        return true;
    }
}
