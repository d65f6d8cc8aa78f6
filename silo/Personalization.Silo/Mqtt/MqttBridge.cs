using System.Buffers;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Personalization.Events;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Mqtt;

/// <summary>
/// Subscribes to the store topics with QoS 1 on a persistent session and writes every device message
/// to the event log. A message is acknowledged to the broker only after the log durably accepted the
/// event (or its dead letter), so a crash or a log outage makes the broker redeliver it rather than
/// lose it; redeliveries map to the same message id and are not applied twice.
/// </summary>
public sealed partial class MqttBridge(
    MqttBridgeOptions options, StreamingOptions streaming, ILogTransport log, EventValidator validator, DeadLetterSink deadLetters, StreamMetrics metrics, ILogger<MqttBridge> logger)
    : BackgroundService
{
    private volatile bool _subscribed;

    /// <summary>True while connected and subscribed (tests and health).</summary>
    public bool IsSubscribed => _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new MqttClientFactory();
        while (!stoppingToken.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                _subscribed = false;
                disconnected.TrySetResult();
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e => OnMessageAsync(client, e, stoppingToken);
            try
            {
                await client.ConnectAsync(ClientOptions(factory), stoppingToken);
                var subscribe = factory.CreateSubscribeOptionsBuilder();
                foreach (var filter in options.TopicFilters) subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                await client.SubscribeAsync(subscribe.Build(), stoppingToken);
                _subscribed = true;
                LogSubscribed(options.Host, options.Port, string.Join(", ", options.TopicFilters));
                await disconnected.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
                return;
            }
            catch (Exception exception)
            {
                LogConnectionFailed(exception, options.Host, options.Port);
            }

            _subscribed = false;
            await Task.Delay(options.ReconnectDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private MqttClientOptions ClientOptions(MqttClientFactory factory)
    {
        var builder = factory.CreateClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds);
        if (!string.IsNullOrEmpty(options.Username)) builder.WithCredentials(options.Username, options.Password);
        if (options.UseTls) builder.WithTlsOptions(tls => tls.UseTls());
        return builder.Build();
    }

    private async Task OnMessageAsync(IMqttClient client, MqttApplicationMessageReceivedEventArgs e, CancellationToken cancellationToken)
    {
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;
        var payload = message.Payload.ToArray();
        try
        {
            await WriteAsync(message.Topic, payload, cancellationToken);
            await e.AcknowledgeAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not acknowledged: drop the connection so the broker redelivers from the persistent session after reconnecting.
            LogWriteFailed(exception, message.Topic);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }
    }

    /// <summary>Maps, validates and appends one device message; bad ones become dead letters.</summary>
    public async Task WriteAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var mapped = DevicePayloadMapper.Map(topic, payload);
        if (mapped.Event is null)
        {
            await deadLetters.WriteAsync(mapped.Reason!, $"{topic}: {mapped.Detail}", DeadLetterSources.Mqtt, null, null, topic, payload, cancellationToken);
            return;
        }

        using var document = JsonDocument.Parse(mapped.Event.ToJsonString());
        var validation = validator.Validate(document.RootElement);
        if (validation.Event is not { } evt)
        {
            var rejection = validation.Rejection!;
            var detail = $"{topic}: " + (rejection.Field is null ? rejection.Detail : $"{rejection.Field}: {rejection.Detail}");
            await deadLetters.WriteAsync(rejection.Code, detail, DeadLetterSources.Mqtt, null, null, topic, payload, cancellationToken);
            return;
        }

        var record = OutgoingRecord.For(evt.PartitionKey, EventJsonWriter.Write(evt), evt.MessageId, log.Partitions);
        await LogEventPublisher.AppendWithinTimeoutAsync(log, [record], streaming.AppendTimeout, cancellationToken);
        metrics.Appended(1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT bridge subscribed at {Host}:{Port} to {Filters}.")]
    private partial void LogSubscribed(string host, int port, string filters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge could not stay connected to {Host}:{Port}; retrying.")]
    private partial void LogConnectionFailed(Exception exception, string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the MQTT message from {Topic} to the log; it stays unacknowledged and will be redelivered.")]
    private partial void LogWriteFailed(Exception exception, string topic);
}
