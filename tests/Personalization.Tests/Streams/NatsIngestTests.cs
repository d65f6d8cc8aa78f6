using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Silo.Mqtt;
using Personalization.Silo.Streams.Log;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Streams;

/// <summary>HTTP ingest and the MQTT bridge writing to a real NATS log, through the real product host.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsIngestTests(NatsServer nats)
{
    [Fact]
    public async Task Http_ingest_writes_to_the_log_and_grains_apply_it_and_the_admin_endpoint_shows_the_log()
    {
        var options = LogCluster.OptionsFor(nats.Url);
        await using var host = await LogApiHost.StartAsync(options);
        var customer = TestEvents.Unique("c");
        var product = TestEvents.Unique("p");
        var body = new JsonArray(TestEvents.Viewed(customer, product, minute: 1), TestEvents.Viewed(customer, product, minute: 2), TestEvents.Added(customer, product, minute: 3));

        var response = await host.Ingest().PostAsync("/v1/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // Accepted means on the log: the three records are there before any grain saw them.
        var transport = host.Services.GetRequiredService<ILogTransport>();
        var partition = LogPartitioner.PartitionOf(customer, options.Partitions);
        Assert.Equal(3, await transport.CountFromAsync(partition, 0, CancellationToken.None));

        var counts = await Eventually.Matches(async () =>
        {
            using var view = JsonDocument.Parse(await host.Storefront().GetStringAsync($"/v1/products/{product}"));
            return view.RootElement.GetProperty("eventCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        }, c => c.GetValueOrDefault("Product Added") == 1);
        Assert.Equal(2, counts["Product Viewed"]);

        var status = await Eventually.Matches(
            async () => JsonNode.Parse(await host.Admin().GetStringAsync("/v1/admin/streams"))!,
            s => (long)s["totalLag"]! == 0 && s["partitions"]![partition]!["committedOffset"] is not null);
        Assert.Equal("nats", (string)status["provider"]!);
        Assert.Equal(options.Partitions, status["partitions"]!.AsArray().Count);
        Assert.True((bool)status["partitions"]![partition]!["consumedHere"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Storefront().GetAsync("/v1/admin/streams")).StatusCode);
    }

    [Fact]
    public async Task Mqtt_device_messages_published_with_mosquitto_pub_show_in_offers_and_bad_ones_are_dead_lettered()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = LogCluster.OptionsFor(nats.Url);
        await using var host = await LogApiHost.StartAsync(options, broker.Port);
        var bridge = host.Services.GetRequiredService<MqttBridge>();
        await Eventually.Matches(() => Task.FromResult(bridge.IsSubscribed), subscribed => subscribed);

        var store = TestEvents.Unique("store");
        var product = TestEvents.Unique("p");
        for (var i = 0; i < 3; i++)
        {
            await MosquittoPub(broker.Port, $"stores/{store}/shelves",
                $$"""{"product_id":"{{product}}","anonymous_id":"a-{{i}}","shelf_id":"s-4","timestamp":"{{TestEvents.BaseTime.AddMinutes(i):O}}"}""");
        }

        await MosquittoPub(broker.Port, $"stores/{store}/beacons", """{"zone":"shoes"}""");
        await MosquittoPub(broker.Port, $"stores/{store}/shelves", "not json at all");

        var views = await Eventually.Matches(async () =>
        {
            using var view = JsonDocument.Parse(await host.Storefront().GetStringAsync($"/v1/products/{product}"));
            return view.RootElement.GetProperty("eventCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        }, c => c.GetValueOrDefault("Shelf Item Picked Up") == 3);
        Assert.Single(views);

        var offers = await Eventually.Matches(
            async () => JsonNode.Parse(await host.Storefront().GetStringAsync($"/v1/customers/{TestEvents.Unique("newcomer")}/offers?storeId={store}"))!,
            o => o["offers"]!.AsArray().Any(offer => (string)offer!["productId"]! == product));
        var offered = offers["offers"]!.AsArray().Single(offer => (string)offer!["productId"]! == product)!;
        Assert.Contains(offered["reasons"]!.AsArray(), reason => (string)reason!["kind"]! == "popular-in-store");

        var transport = host.Services.GetRequiredService<ILogTransport>();
        var letters = await Eventually.Matches(() => transport.ReadDeadLettersAsync(10, CancellationToken.None), l => l.Count == 2);
        Assert.All(letters, l => Assert.Equal((DeadLetterSources.Mqtt, $"stores/{store}/" + (l.Reason == "bad-device-payload" ? "shelves" : "beacons")), (l.Source, l.Key)));
        Assert.Equal(["bad-device-payload", "missing-field"], letters.Select(l => l.Reason).Order());
        var status = JsonNode.Parse(await host.Admin().GetStringAsync("/v1/admin/streams"))!;
        Assert.Equal((options.DeadLetterTopic, 2L), ((string)status["deadLetterTopic"]!, (long)status["deadLetters"]!));
    }

    [Fact]
    public async Task Http_ingest_answers_503_while_the_log_is_down_and_the_retry_is_applied_once_when_it_is_back()
    {
        // Its own server: this test stops it.
        var server = new NatsServer();
        await server.InitializeAsync();
        try
        {
            var options = LogCluster.OptionsFor(server.Url);
            options.AppendTimeout = TimeSpan.FromSeconds(2);
            await using var host = await LogApiHost.StartAsync(options);
            var customer = TestEvents.Unique("c");
            var product = TestEvents.Unique("p");
            Assert.Equal(HttpStatusCode.Accepted, (await Post(host, TestEvents.Viewed(customer, product, minute: 1))).StatusCode);

            await server.StopAsync();
            var during = TestEvents.Viewed(customer, product, minute: 2);
            var refused = await Post(host, during);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            // The producer retries the same event until the log is back; whatever reached the log twice is applied once.
            await server.StartAsync();
            await Eventually.Matches(async () => (await Post(host, during)).StatusCode, status => status == HttpStatusCode.Accepted, TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.Accepted, (await Post(host, TestEvents.Added(customer, product, minute: 3))).StatusCode);
            var counts = await Eventually.Matches(async () =>
            {
                using var view = JsonDocument.Parse(await host.Storefront().GetStringAsync($"/v1/products/{product}"));
                return view.RootElement.GetProperty("eventCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            }, c => c.GetValueOrDefault("Product Added") == 1, TimeSpan.FromSeconds(30));
            Assert.Equal(2, counts["Product Viewed"]);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static Task<HttpResponseMessage> Post(LogApiHost host, JsonNode evt) =>
        host.Ingest().PostAsync("/v1/events", new StringContent(new JsonArray(evt.DeepClone()).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private static async Task MosquittoPub(int port, string topic, string message)
    {
        using var process = Process.Start(new ProcessStartInfo("mosquitto_pub", ["-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", topic, "-m", message])
        {
            RedirectStandardError = true,
        })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
    }
}
