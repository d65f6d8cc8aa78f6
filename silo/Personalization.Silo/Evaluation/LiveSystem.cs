using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Personalization.Api.Access;
using Personalization.Grains;
using Personalization.Silo.Hosting;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// The real embedded product (silo, HTTP API) started in this process on free loopback ports, with the
/// storage the run asks for (memory; or a local directory when a lake and a model store are needed).
/// Data goes in only through the public API (catalogue upserts, event batches); the grain factory is
/// used for one thing, to learn when every replayed event has been applied, and the lake writer to
/// learn when every replayed event is in the lake.
/// </summary>
public sealed class LiveSystem : IAsyncDisposable
{
    public const int BatchEvents = 1000;
    public const int BatchBytes = 2 * 1024 * 1024;
    private const int Parallelism = 4;

    private readonly WebApplication _app;
    private readonly HttpClient _ingest;
    private readonly TextWriter _log;

    public HttpClient Storefront { get; }

    private LiveSystem(WebApplication app, Uri baseAddress, TextWriter log)
    {
        _app = app;
        _log = log;
        _ingest = Client(baseAddress, DevelopmentKeys.Ingest);
        Storefront = Client(baseAddress, DevelopmentKeys.Storefront);
    }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<LiveSystem> StartAsync(IEnumerable<string> settings, TextWriter log, CancellationToken cancellationToken)
    {
        var port = FreePort();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            $"--Api:MaxBodyBytes={BatchBytes + 65536}",
            $"--Api:MaxBatchSize={BatchEvents}",
            .. settings,
        ];
        var app = SiloApp.Create(args);
        await app.StartAsync(cancellationToken);
        return new LiveSystem(app, new Uri($"http://127.0.0.1:{port}"), log);
    }

    public async Task LoadCatalogAsync(IReadOnlyList<CatalogItem> catalog, CancellationToken cancellationToken)
    {
        foreach (var chunk in catalog.Chunk(BatchEvents))
        {
            var body = JsonSerializer.Serialize(chunk.Select(i => new
            {
                id = i.Id,
                title = i.Title,
                categoryPath = i.CategoryPath,
                brand = i.Brand,
                price = i.Price,
            }));
            await PostAsync("/v1/catalog/products", new StringContent(body, Encoding.UTF8, "application/json"), chunk.Length, cancellationToken);
        }
    }

    /// <summary>Posts every history as events, then waits until customers, sessions and products have applied them; returns the events posted.</summary>
    public async Task<int> ReplayAsync(IReadOnlyList<UserCase> users, IReadOnlyDictionary<string, CatalogItem> catalog, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var batches = ReplayEvents.Batches(users, catalog, BatchEvents, BatchBytes);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var content = new ByteArrayContent(batch.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            await PostAsync("/v1/events", content, batch.Events, ct);
            var total = Interlocked.Add(ref sent, batch.Events);
            if (total / 20_000 != (total - batch.Events) / 20_000) _log.WriteLine($"  replayed {total:N0} events ({total / clock.Elapsed.TotalSeconds:N0}/s)");
        });
        _log.WriteLine($"  posted {sent:N0} events in {clock.Elapsed.TotalSeconds:N1}s; waiting until every grain has applied them");
        await WaitUntilAppliedAsync(users, cancellationToken);
        _log.WriteLine($"  all events applied after {clock.Elapsed.TotalSeconds:N1}s ({sent / clock.Elapsed.TotalSeconds:N0} events/s end to end)");
        return sent;
    }

    /// <summary>Waits until the lake writer has written at least <paramref name="events"/> events to lake files.</summary>
    public async Task WaitForLakeAsync(long events, CancellationToken cancellationToken)
    {
        var writer = _app.Services.GetService<Lake.LakeWriter>()
            ?? throw new InvalidOperationException("The product runs without a lake (Storage:Provider memory, or Lake:Enabled false).");
        var clock = Stopwatch.StartNew();
        while (writer.RowsWritten < events)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"The lake holds {writer.RowsWritten:N0} of {events:N0} replayed events after 5 minutes.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        _log.WriteLine($"  the lake holds all {writer.RowsWritten:N0} replayed events ({writer.FilesWritten:N0} files)");
    }

    private async Task WaitUntilAppliedAsync(IReadOnlyList<UserCase> users, CancellationToken cancellationToken)
    {
        var perUser = users.ToDictionary(u => u.UserId, u => (long)ReplayEvents.EventsOf(u).Count(), StringComparer.Ordinal);
        var perProduct = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, _, lines) in users.SelectMany(ReplayEvents.EventsOf))
        {
            foreach (var id in lines.Select(l => l.ProductId).Distinct(StringComparer.Ordinal)) perProduct[id] = perProduct.GetValueOrDefault(id) + 1;
        }

        var grains = Grains;
        var pending = perUser.Keys.Select(u => (Kind: 'u', Key: u)).Concat(perProduct.Keys.Select(p => (Kind: 'p', Key: p))).ToList();
        var deadline = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var done = new bool[pending.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, _) =>
            {
                var (kind, key) = pending[i];
                done[i] = kind == 'u'
                    ? (await grains.GetGrain<ICustomerGrain>(key).GetSnapshot()).EventCount >= perUser[key]
                      && (await grains.GetGrain<ISessionGrain>(ReplayEvents.SessionOf(key)).GetSnapshot()).EventCount >= perUser[key]
                    : (await grains.GetGrain<IProductGrain>(key).GetView()).EventCounts.Values.Sum() >= perProduct[key];
            });
            pending = pending.Where((_, i) => !done[i]).ToList();
            if (pending.Count == 0) break;
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"{pending.Count} grains had still not applied their replayed events after 10 minutes (first: {pending[0].Key}).");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private async Task PostAsync(string path, HttpContent content, int items, CancellationToken cancellationToken)
    {
        using var response = await _ingest.PostAsync(path, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var rejected = json.RootElement.GetProperty("rejected").GetInt32();
        if (rejected > 0)
        {
            var first = json.RootElement.GetProperty("results").EnumerateArray().First(r => r.GetProperty("status").GetString() == "rejected");
            throw new InvalidOperationException($"POST {path}: {rejected} of {items} items rejected; first: {first}");
        }
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _ingest.Dispose();
        Storefront.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
