using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Silo.Replay;

/// <summary>
/// The product's domain objects (customer, session and product behaviour, trending boards, content
/// neighbours) without a cluster: events are applied as the grains apply them, and the state is read
/// through <see cref="IOfferSources"/>, so <see cref="OfferRanker"/> ranks exactly as it serves. The
/// evaluation's in-process replay and the trainer both run on it. Single-threaded while applying;
/// reads may run in parallel once applying is over.
/// </summary>
public sealed class DomainReplay : IOfferSources
{
    private readonly RankingOptions _options;
    private readonly Dictionary<string, CustomerBehaviour> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionBehaviour> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductBehaviour> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrendingBoard> _boards = new(StringComparer.Ordinal);

    public DomainReplay(RankingOptions options) => _options = options;

    public RankingOptions Options => _options;

    public long Events { get; private set; }

    /// <summary>Catalogue records and their content neighbours, as the content index grain pushes them.</summary>
    public void LoadCatalog(IReadOnlyList<ProductRecord> records)
    {
        var index = new ContentIndex();
        var vectors = new ContentFeaturizer().Featurize(records);
        for (var i = 0; i < records.Count; i++)
        {
            Product(records[i].Id).Record = records[i];
            index.Upsert(records[i].Id, vectors[i]);
        }

        foreach (var record in records) Product(record.Id).ContentNeighbours = [.. index.Neighbours(record.Id, ContentIndexGrain.NeighbourCount)];
    }

    /// <summary>Catalogue records without content neighbours (the bench leaves the content index out for every system).</summary>
    public void LoadRecords(IEnumerable<ProductRecord> records)
    {
        foreach (var record in records) Product(record.Id).Record = record;
    }

    /// <summary>Events applied to a customer, a session or a product: the counters the bench checks against its log.</summary>
    public long CustomerEventCount(string customerId) => _customers.TryGetValue(customerId, out var c) ? c.Counters.Total : 0;

    public long SessionEventCount(string sessionKey) => _sessions.TryGetValue(sessionKey, out var s) ? s.Counters.Total : 0;

    public long ProductEventCount(string productId) => _products.TryGetValue(productId, out var p) ? p.Counters.Total : 0;

    /// <summary>Applies one event to every state it concerns, as the customer, session and product grains do.</summary>
    public void Apply(ShopperEvent evt)
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
            if (!product.Apply(id, evt, _options)) continue;
            foreach (var (scope, report) in product.TrendingReports(id, evt.StoreId, _options))
                Board(scope).Report(report, _options.PopularityHalfLife, _options.TrendingCapacity);
        }
    }

    Task<ShopperSnapshot?> IOfferSources.Customer(string customerId) =>
        Task.FromResult(_customers.TryGetValue(customerId, out var c) ? c.Snapshot(customerId, null, _options) : null);

    Task<SessionSnapshot?> IOfferSources.Session(string sessionKey) =>
        Task.FromResult(_sessions.TryGetValue(sessionKey, out var s) ? s.Snapshot(sessionKey) : null);

    Task<ProductNeighbours> IOfferSources.Neighbours(string productId, int limit) =>
        Task.FromResult(_products.TryGetValue(productId, out var p) ? p.Neighbours(productId, limit, _options) : new ProductNeighbours(productId, [], []));

    Task<IReadOnlyList<TrendingEntry>> IOfferSources.Trending(string scope, int limit) =>
        Task.FromResult<IReadOnlyList<TrendingEntry>>(_boards.TryGetValue(scope, out var board) ? board.Top(limit, _options.PopularityHalfLife) : []);

    Task<ProductCard> IOfferSources.Card(string productId) =>
        Task.FromResult(_products.TryGetValue(productId, out var p) ? p.Card(productId) : new ProductBehaviour().Card(productId));

    private ProductBehaviour Product(string id) => Get(_products, id);

    private TrendingBoard Board(string scope) => Get(_boards, scope);

    private static T Get<T>(Dictionary<string, T> map, string key) where T : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new T();
        return value;
    }
}
