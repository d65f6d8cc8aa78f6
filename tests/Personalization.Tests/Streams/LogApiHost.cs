using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Personalization.Api.Access;
using Personalization.Silo.Hosting;
using Personalization.Silo.Streams;

namespace Personalization.Tests.Streams;

/// <summary>The real product (silo, API) in cluster streaming mode: events on a NATS log, optionally an MQTT bridge.</summary>
public sealed class LogApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LogApiHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LogApiHost> StartAsync(StreamingOptions streaming, int? mqttPort = null)
    {
        var port = Infrastructure.FreePort.Next();
        var args = new List<string>
        {
            $"--urls=http://127.0.0.1:{port}",
            "--Storage:Provider=memory",
            // Commits follow flushed snapshots (docs/durability.md): flush often so lag drains within a test's patience.
            "--Snapshots:FlushInterval=00:00:01",
            $"--Orleans:SiloPort={Infrastructure.FreePort.Next()}",
            $"--Orleans:GatewayPort={Infrastructure.FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",


            $"--Streaming:Provider={streaming.Provider}",
            $"--Streaming:Partitions={streaming.Partitions.ToString(CultureInfo.InvariantCulture)}",
            $"--Streaming:Topic={streaming.Topic}",
            $"--Streaming:DeadLetterTopic={streaming.DeadLetterTopic}",
            $"--Streaming:ConsumerGroup={streaming.ConsumerGroup}",
            $"--Streaming:CommitInterval={streaming.CommitInterval}",
            $"--Streaming:AppendTimeout={streaming.AppendTimeout}",
            $"--Streaming:Nats:Url={streaming.Nats.Url}",
            $"--Streaming:Nats:StreamName={streaming.Nats.StreamName}",
            $"--Streaming:Nats:DeadLetterStreamName={streaming.Nats.DeadLetterStreamName}",
            $"--Streaming:Nats:OffsetBucket={streaming.Nats.OffsetBucket}",
        };
        if (mqttPort is { } mqtt)
        {
            args.AddRange(["--Mqtt:Enabled=true", $"--Mqtt:Port={mqtt}", $"--Mqtt:ClientId=bridge-{streaming.ConsumerGroup}", "--Mqtt:ReconnectDelay=00:00:00.200"]);
        }

        var app = SiloApp.Create([.. args]);
        await app.StartAsync();
        return new LogApiHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public HttpClient Ingest() => Client(DevelopmentKeys.Ingest);

    public HttpClient Admin() => Client(DevelopmentKeys.Admin);

    public HttpClient Storefront() => Client(DevelopmentKeys.Storefront);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
