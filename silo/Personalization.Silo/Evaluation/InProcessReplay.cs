using System.Text.Json;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// The product's domain objects (customer, session and product behaviour, trending boards, content
/// index) fed the same validated events in the same per-user order as the grains, without a cluster,
/// and ranked by the same <see cref="OfferRanker"/>. Not a measurement of the product (the live run
/// is); a fast loop for tuning, and a check that the live path loses nothing on the way.
/// </summary>
public sealed class InProcessReplay : IOfferSources, IRanker
{
    private readonly RankingOptions _options;
    private readonly Dictionary<string, CustomerBehaviour> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionBehaviour> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductBehaviour> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrendingBoard> _boards = new(StringComparer.Ordinal);

    public InProcessReplay(EvaluationData data, RankingOptions options)
    {
        _options = options;
        var index = new ContentIndex();
        var records = data.Catalog.Select(item => new ProductRecord { Id = item.Id, Title = item.Title, CategoryPath = item.CategoryPath, Brand = item.Brand, Price = item.Price }).ToList();
        var vectors = new ContentFeaturizer().Featurize(records);
        for (var i = 0; i < records.Count; i++)
        {
            Product(records[i].Id).Record = records[i];
            index.Upsert(records[i].Id, vectors[i]);
        }

        foreach (var item in data.Catalog) Product(item.Id).ContentNeighbours = [.. index.Neighbours(item.Id, ContentIndexGrain.NeighbourCount)];

        var validator = new EventValidator(new EventLimits(), TimeProvider.System);
        var catalog = data.Catalog.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var (body, _) in ReplayEvents.Batches(data.Replay, catalog, LiveSystem.BatchEvents, LiveSystem.BatchBytes))
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                var validation = validator.Validate(document.RootElement);
                Apply(validation.Event ?? throw new InvalidDataException($"A replayed event was rejected: {validation.Rejection}"));
            }
        }
    }

    public string Name => "Personalization (in-process replay, same ranking code)";

    public long Events { get; private set; }

    private void Apply(ShopperEvent evt)
    {
        Events++;
        if (evt.UserId is { } user) Get(_customers, user).Apply(evt, _options);
        if (evt.SessionKey is { } session)
        {
            foreach (var (target, signal) in Get(_sessions, session).Apply(evt, _options))
            {
                if (signal.ProductId != target) Product(target).CoOccurrence.Add(signal, _options.CoOccurrenceHalfLife, _options.NeighbourCapacity);
            }
        }

        foreach (var id in evt.ProductLines().Select(l => l.ProductId).Distinct(StringComparer.Ordinal))
        {
            var product = Product(id);
            if (!product.Apply(id, evt, _options) || product.TakeTrendingReport(id, _options) is not { } report) continue;
            Board(TrendingScopes.All).Report(report, _options.PopularityHalfLife, _options.TrendingCapacity);
            if (product.Category is { } category) Board(TrendingScopes.Category(category)).Report(report, _options.PopularityHalfLife, _options.TrendingCapacity);
        }
    }

    public async Task<IReadOnlyList<string>> RankAsync(UserCase user, int count, CancellationToken cancellationToken)
    {
        var offers = await OfferRanker.GetOffers(new OfferRequest { CustomerId = user.UserId, Limit = count, ExcludeSeen = true }, this, _options);
        return offers.Offers.Select(o => o.ProductId).Where(id => !user.Seen.Contains(id)).ToList();
    }

    Task<ShopperSnapshot?> IOfferSources.Customer(string customerId) =>
        Task.FromResult(_customers.TryGetValue(customerId, out var c) ? c.Snapshot(customerId, null, _options) : null);

    Task<SessionSnapshot?> IOfferSources.Session(string sessionKey) =>
        Task.FromResult(_sessions.TryGetValue(sessionKey, out var s) ? s.Snapshot(sessionKey) : null);

    Task<ProductNeighbours> IOfferSources.Neighbours(string productId, int limit) => Task.FromResult(Product(productId).Neighbours(productId, limit, _options));

    Task<IReadOnlyList<TrendingEntry>> IOfferSources.Trending(string scope, int limit) =>
        Task.FromResult<IReadOnlyList<TrendingEntry>>(_boards.TryGetValue(scope, out var board) ? board.Top(limit, _options.PopularityHalfLife) : []);

    Task<ProductCard> IOfferSources.Card(string productId) => Task.FromResult(Product(productId).Card(productId));

    private ProductBehaviour Product(string id) => Get(_products, id);

    private TrendingBoard Board(string scope) => Get(_boards, scope);

    private static T Get<T>(Dictionary<string, T> map, string key) where T : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new T();
        return value;
    }
}
