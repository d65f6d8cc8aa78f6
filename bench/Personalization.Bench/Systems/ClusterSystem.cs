using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Api.Access;
using Personalization.Api.Ingest;
using Personalization.Bench.Measure;
using Personalization.Bench.Workload;
using Personalization.Catalog;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;
using Personalization.Silo.Hosting;

namespace Personalization.Bench.Systems;

/// <summary>
/// The embedded product (silo + HTTP API in this process, in-memory streams and storage) end to end:
/// events through <see cref="IEventPublisher"/> and through <c>POST /v1/events</c>, queries through
/// <see cref="IOfferGrain"/> and through the HTTP API on loopback.
/// </summary>
public sealed class ClusterSystem : IBenchSystem
{
    /// <summary>Producers publishing at once; each owns the shoppers whose partition key hashes to it, so a shopper's events stay in order.</summary>
    public const int Lanes = 4;
    public const int BatchSize = 500;

    /// <summary>How many of the last events of a slice are checked while timing; the full check follows, untimed.</summary>
    private const int TailCheck = 2000;

    private WebApplication? _app;
    private IGrainFactory _grains = null!;
    private IEventPublisher _publisher = null!;
    private HttpClient _http = null!;

    public string Name => "cluster";

    public string AppliedDefinition =>
        "the customer, session and product grains of the last 2,000 events of the slice report the expected event counters " +
        "(per-stream delivery is FIFO, so the tail is the last to land); afterwards, untimed, every grain's counter is compared with the log";

    public IReadOnlyList<IngestPath> IngestPaths =>
    [
        new("IEventPublisher", (events, expected) => PublishAsync(events, expected), e => _publisher.PublishAsync([e], CancellationToken.None)),
        new("HTTP POST /v1/events", (events, expected) => PostAsync(events, expected), PostOneAsync),
    ];

    public IReadOnlyList<QueryPath> QueryPaths =>
    [
        new("grain call", async r => (await Offer.GetOffers(r)).Personalized, async id => (await Offer.GetSimilar(id, SimilarityKind.Blend, 10)).Products.Length),
        new("HTTP loopback", HttpOffersAsync, HttpSimilarAsync),
    ];

    private IOfferGrain Offer => _grains.GetGrain<IOfferGrain>(0);

    public async Task StartAsync(GeneratedWorkload workload)
    {
        var port = FreePort();
        _app = SiloApp.Create(
        [
            $"--urls=http://127.0.0.1:{port}",
            "--Storage:Provider=memory",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            // Write-behind snapshots would copy every grain's state into the in-memory storage stand-in; a real
            // deployment keeps them in external storage, so they are left out of the memory figures.
            "--Snapshots:FlushInterval=01:00:00",
        ]);
        await _app.StartAsync();
        _grains = _app.Services.GetRequiredService<IGrainFactory>();
        _publisher = _app.Services.GetRequiredService<IEventPublisher>();
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public async Task LoadCatalogAsync(IReadOnlyList<ProductRecord> products)
    {
        // Straight to the product grains: the content index (pairwise text similarity) is left out for all three systems.
        foreach (var chunk in products.Chunk(2000))
            await Task.WhenAll(chunk.Select(p => _grains.GetGrain<IProductGrain>(p.Id).UpsertCatalog(p)));
    }

    private async Task PublishAsync(ShopperEvent[] events, ExpectedCounts expected)
    {
        await Task.WhenAll(Partition(events).Select(async lane =>
        {
            foreach (var batch in lane.Chunk(BatchSize)) await _publisher.PublishAsync(batch, CancellationToken.None);
        }));
        await WaitForTailAsync(events, expected);
    }

    private async Task PostAsync(ShopperEvent[] events, ExpectedCounts expected)
    {
        var bodies = Partition(events).Select(lane => EventJson.Bodies(lane.ToArray(), BatchSize)).ToList();
        await Task.WhenAll(bodies.Select(async lane =>
        {
            foreach (var body in lane) await PostBodyAsync(body);
        }));
        await WaitForTailAsync(events, expected);
    }

    private Task PostOneAsync(ShopperEvent evt) => PostBodyAsync(EventJson.Bodies([evt], 1)[0]);

    private async Task PostBodyAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKeys.Ingest);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"POST /v1/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static IEnumerable<List<ShopperEvent>> Partition(ShopperEvent[] events)
    {
        var lanes = Enumerable.Range(0, Lanes).Select(_ => new List<ShopperEvent>(events.Length / Lanes + 1)).ToArray();
        foreach (var evt in events) lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(evt.PartitionKey) % Lanes)].Add(evt);
        return lanes;
    }

    private async Task WaitForTailAsync(ShopperEvent[] events, ExpectedCounts expected)
    {
        var pending = new List<Func<Task<bool>>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evt in events.AsSpan(Math.Max(0, events.Length - TailCheck)))
        {
            if (evt.UserId is { } user && seen.Add("c/" + user)) pending.Add(CustomerCheck(user, expected.Customers[user]));
            if (evt.SessionKey is { } session && seen.Add("s/" + session)) pending.Add(SessionCheck(session, expected.Sessions[session]));
            foreach (var line in evt.ProductLines())
                if (seen.Add("p/" + line.ProductId)) pending.Add(ProductCheck(line.ProductId, expected.Products[line.ProductId]));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (pending.Count > 0)
        {
            var results = await Task.WhenAll(pending.Select(check => check()));
            pending = [.. pending.Where((_, i) => !results[i])];
            if (pending.Count == 0) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{pending.Count} grains did not reach their expected event counts within 10 minutes.");
            await Task.Delay(1);
        }
    }

    private Func<Task<bool>> CustomerCheck(string id, long count) => async () => await CustomerCount(id) >= count;

    private Func<Task<bool>> SessionCheck(string id, long count) => async () => await SessionCount(id) >= count;

    private Func<Task<bool>> ProductCheck(string id, long count) => async () => await ProductCount(id) >= count;

    private async Task<long> CustomerCount(string id) => (await _grains.GetGrain<ICustomerGrain>(id).GetSnapshot()).EventCount;

    private async Task<long> SessionCount(string id) => (await _grains.GetGrain<ISessionGrain>(id).GetSnapshot()).EventCount;

    private async Task<long> ProductCount(string id) => (await _grains.GetGrain<IProductGrain>(id).GetView()).EventCounts.Values.Sum();

    public async Task<long> VerifyAsync(ExpectedCounts expected)
    {
        var checks = expected.Customers.Select(kv => (Count: (Func<Task<long>>)(() => CustomerCount(kv.Key)), Expected: kv.Value))
            .Concat(expected.Sessions.Select(kv => (Count: (Func<Task<long>>)(() => SessionCount(kv.Key)), Expected: kv.Value)))
            .Concat(expected.Products.Select(kv => (Count: (Func<Task<long>>)(() => ProductCount(kv.Key)), Expected: kv.Value)));
        long bad = 0;
        foreach (var chunk in checks.Chunk(2000))
        {
            var counts = await Task.WhenAll(chunk.Select(c => c.Count()));
            bad += chunk.Where((c, i) => counts[i] != c.Expected).Count();
        }

        return bad;
    }

    private async ValueTask<bool> HttpOffersAsync(OfferRequest request)
    {
        var path = request.CustomerId is { } customer
            ? $"/v1/customers/{customer}/offers?limit={request.Limit}" + (request.SessionId is { } s ? $"&sessionId={s}" : "")
            : $"/v1/sessions/{request.SessionId}/offers?limit={request.Limit}";
        using var document = await GetJsonAsync(path);
        return document.RootElement.GetProperty("personalized").GetBoolean();
    }

    private async ValueTask<int> HttpSimilarAsync(string productId)
    {
        using var document = await GetJsonAsync($"/v1/products/{productId}/similar?limit=10&kind=blend");
        return document.RootElement.GetProperty("products").GetArrayLength();
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKeys.Storefront);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    public MemoryReading Memory() => new(MemoryProbe.ManagedBytes(), MemoryProbe.ResidentBytes());

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
