using Microsoft.Extensions.Options;
using Personalization.Api.Ingest;
using Personalization.Catalog;
using Personalization.Customers;
using Personalization.Events;

namespace Personalization.Silo.Demo;

/// <summary>
/// With the demo enabled: loads the synthetic catalogue and CRM records, then simulates shoppers who
/// browse their favourite categories (popular products more often), add to cart, buy, search, and
/// walk through stores. Events take the same path as HTTP ingestion after validation.
/// </summary>
public sealed partial class ShopperSimulator(
    IOptions<DemoOptions> options, RecordWriter records, IEventPublisher publisher, IHostApplicationLifetime lifetime, ILogger<ShopperSimulator> logger)
    : BackgroundService
{
    private static readonly string[] Stores = ["S1", "S2", "S3"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled) return;
        await WhenStarted(stoppingToken);

        var catalog = DemoCatalog.Generate(demo.Products, demo.Seed);
        await records.UpsertProductsAsync(catalog, stoppingToken);
        await records.UpsertCustomersAsync(Enumerable.Range(1, demo.Shoppers).Select(i => new CustomerProfile
        {
            Id = $"demo-customer-{i}",
            Segment = i % 5 == 0 ? "vip" : "regular",
            Consent = i % 10 != 0,
            StoreId = Stores[i % Stores.Length],
        }), stoppingToken);
        LogLoaded(logger, catalog.Count, demo.Shoppers);

        var random = new Random(demo.Seed);
        var byCategory = catalog.GroupBy(p => p.Category!).ToDictionary(g => g.Key, g => g.ToArray());
        var categories = byCategory.Keys.Order().ToArray();
        var sequence = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batch = new List<ShopperEvent>();
            for (var i = 0; i < Math.Max(1, demo.EventsPerSecond / 4); i++)
            {
                batch.Add(NextEvent(random, demo, byCategory, categories, ++sequence));
            }

            try
            {
                await publisher.PublishAsync(batch, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPublishFailed(logger, exception);
            }
        }
    }

    private static ShopperEvent NextEvent(Random random, DemoOptions demo, Dictionary<string, ProductRecord[]> byCategory, string[] categories, long sequence)
    {
        // Zipf-like: low shopper numbers and low product ranks are picked far more often.
        var shopper = 1 + (int)(demo.Shoppers * Math.Pow(random.NextDouble(), 2));
        var favourite = categories[shopper % categories.Length];
        var category = random.NextDouble() < 0.8 ? favourite : categories[random.Next(categories.Length)];
        var products = byCategory[category];
        var product = products[(int)(products.Length * Math.Pow(random.NextDouble(), 2.5))];
        var session = $"demo-session-{shopper}-{sequence / 400}";
        var roll = random.NextDouble();
        var kind = roll switch
        {
            < 0.70 => EventKind.ProductViewed,
            < 0.83 => EventKind.ProductAdded,
            < 0.88 => EventKind.OrderCompleted,
            < 0.92 => EventKind.ProductsSearched,
            < 0.96 => EventKind.BeaconZoneEntered,
            _ => EventKind.ShelfItemPickedUp,
        };
        var store = Stores[shopper % Stores.Length];
        var inStore = kind is EventKind.BeaconZoneEntered or EventKind.ShelfItemPickedUp;
        return new ShopperEvent
        {
            MessageId = $"demo-{Guid.NewGuid():N}",
            Kind = kind,
            UserId = $"demo-customer-{shopper}",
            SessionKey = session,
            Timestamp = DateTimeOffset.UtcNow,
            ProductId = kind is EventKind.OrderCompleted or EventKind.ProductsSearched or EventKind.BeaconZoneEntered ? null : product.Id,
            Category = product.Category,
            Brand = product.Brand,
            Price = product.Price,
            Quantity = 1,
            Products = kind == EventKind.OrderCompleted ? [new LineItem(product.Id, product.Price, 1, product.Category, product.Brand)] : [],
            Query = kind == EventKind.ProductsSearched ? product.Title!.Split(' ')[^1].ToLowerInvariant() : null,
            StoreId = inStore ? store : null,
            Zone = kind == EventKind.BeaconZoneEntered ? category : null,
        };
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo loaded {Products} products and {Shoppers} customers; simulating shoppers")]
    private static partial void LogLoaded(ILogger logger, int products, int shoppers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo events could not be published")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
