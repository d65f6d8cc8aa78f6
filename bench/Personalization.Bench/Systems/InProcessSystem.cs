using System.Collections.Immutable;
using Personalization.Bench.Measure;
using Personalization.Bench.Workload;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Bench.Systems;

/// <summary>
/// The in-process limit: the grains' domain classes held in plain dictionaries, updated and queried by
/// direct calls on one thread. No framework, no messages, no network: what the feature logic costs on its own.
/// </summary>
public sealed class InProcessSystem : IBenchSystem
{
    private const int NeighboursPerAnchor = 50;
    private const int TrendingDepth = 100;

    private readonly RankingOptions _options = new();
    private readonly Dictionary<string, CustomerBehaviour> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionBehaviour> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductBehaviour> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrendingBoard> _boards = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _gate = new();
    private readonly ProductBehaviour _unknown = new();

    public string Name => "in-process";

    public string AppliedDefinition => "applied synchronously: the call that takes an event returns after every customer, session, product and trending update";

    public IReadOnlyList<IngestPath> IngestPaths => [new("direct call", (events, _) => { Ingest(events); return Task.CompletedTask; }, e => { Ingest([e]); return Task.CompletedTask; })];

    public IReadOnlyList<QueryPath> QueryPaths => [new("direct call", r => ValueTask.FromResult(Offers(r).Personalized), id => ValueTask.FromResult(Similar(id).Products.Length))];

    /// <summary>Mean number of candidates the composer scored per offers call, for the report.</summary>
    public double MeanCandidates => _offerCalls == 0 ? 0 : (double)_candidatesScored / _offerCalls;

    private long _candidatesScored;
    private long _offerCalls;

    public Task StartAsync(GeneratedWorkload workload) => Task.CompletedTask;

    public Task LoadCatalogAsync(IReadOnlyList<ProductRecord> products)
    {
        foreach (var record in products) Product(record.Id).Record = record;
        return Task.CompletedTask;
    }

    public void Ingest(ReadOnlySpan<ShopperEvent> events)
    {
        // Ingestion holds the write lock per batch; queries share the read lock, so they use both cores.
        _gate.EnterWriteLock();
        try
        {
            foreach (var evt in events) Apply(evt);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private void Apply(ShopperEvent evt)
    {
        if (evt.UserId is { } userId) Customer(userId).Apply(evt, _options);
        if (evt.SessionKey is { } sessionKey)
        {
            foreach (var (target, signal) in Session(sessionKey).Apply(evt, _options))
            {
                if (signal.ProductId != target) Product(target).CoOccurrence.Add(signal, _options.CoOccurrenceHalfLife, _options.NeighbourCapacity);
            }
        }

        foreach (var productId in evt.ProductLines().Select(l => l.ProductId).Distinct(StringComparer.Ordinal))
        {
            var product = Product(productId);
            if (!product.Apply(productId, evt, _options)) continue;
            if (product.TakeTrendingReport(productId, _options) is not { } report) continue;
            Board(TrendingScopes.All).Report(report, _options.PopularityHalfLife, _options.TrendingCapacity);
            if (product.Category is { } category) Board(TrendingScopes.Category(category)).Report(report, _options.PopularityHalfLife, _options.TrendingCapacity);
            if (evt.StoreId is { } store)
            {
                var inStore = product.StorePopularity.ValueAt(store, report.ReferenceTime, _options.PopularityHalfLife);
                Board(TrendingScopes.Store(store)).Report(report with { Score = inStore }, _options.PopularityHalfLife, _options.TrendingCapacity);
            }
        }
    }

    public OfferList Offers(OfferRequest request)
    {
        _gate.EnterReadLock();
        try
        {
            var customer = request.CustomerId is { } id && _customers.TryGetValue(id, out var c) ? c.Snapshot(id, null, _options) : null;
            var sessionKey = request.SessionId ?? customer?.LastSessionKey;
            var session = sessionKey is not null && _sessions.TryGetValue(sessionKey, out var s) ? s.Snapshot(sessionKey) : null;
            var plan = OfferPlan.For(request, customer, session, _options);

            var neighbours = plan.Anchors.Select(a => a.ProductId).Distinct(StringComparer.Ordinal)
                .ToDictionary(pid => pid, pid => Find(pid).Neighbours(pid, NeighboursPerAnchor, _options), StringComparer.Ordinal);
            var byCategory = plan.Categories.Select(k => k.Key).Distinct(StringComparer.Ordinal)
                .ToDictionary(k => k, k => (IReadOnlyList<TrendingEntry>)Top(TrendingScopes.Category(k)), StringComparer.Ordinal);
            var inStore = plan.StoreId is { } store ? Top(TrendingScopes.Store(store)) : [];
            var candidates = OfferComposer.Score(plan, neighbours, byCategory, inStore, Top(TrendingScopes.All));
            Interlocked.Add(ref _candidatesScored, candidates.Count);
            Interlocked.Increment(ref _offerCalls);

            var limit = request.Limit;
            var chunk = Math.Max(limit * 3, 30);
            var cards = Cards(candidates.Take(chunk * 4).Select(x => x.ProductId).Concat(plan.Anchors.Select(a => a.ProductId)));
            var offers = OfferComposer.Finalize(plan, candidates.Take(chunk), cards);
            for (var start = chunk; offers.Length < limit && start < candidates.Count && start < chunk * 4; start += chunk)
                offers = OfferComposer.Finalize(plan, candidates.Take(start + chunk), cards);
            return new OfferList(offers, plan.Personalized, "heuristic");
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public SimilarProductList Similar(string productId)
    {
        const int limit = 10;
        _gate.EnterReadLock();
        try
        {
            var lists = Find(productId).Neighbours(productId, Math.Max(limit * 3, 30), _options);
            var blended = SimilarityBlender.Blend(lists, SimilarityKind.Blend);
            var cards = Cards(blended.Take(limit * 2).Select(b => b.ProductId).Append(productId));
            var source = cards[productId];
            var products = blended
                .Where(b => cards.TryGetValue(b.ProductId, out var card) && card.Active && card.InStock)
                .Take(limit)
                .Select(b => new SimilarProduct(b.ProductId, Math.Round(b.Score, 6), SimilarityBlender.ReasonFor(b.Relation, source), cards[b.ProductId]));
            return new SimilarProductList(productId, SimilarityKind.Blend, [.. products]);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public Task<long> VerifyAsync(ExpectedCounts expected)
    {
        long bad = 0;
        foreach (var (id, count) in expected.Customers) if (_customers[id].Counters.Total != count) bad++;
        foreach (var (id, count) in expected.Sessions) if (_sessions[id].Counters.Total != count) bad++;
        foreach (var (id, count) in expected.Products) if (_products[id].Counters.Total != count) bad++;
        return Task.FromResult(bad);
    }

    public MemoryReading Memory() => new(MemoryProbe.ManagedBytes(), MemoryProbe.ResidentBytes());

    public IReadOnlyDictionary<string, double> Extras() => new Dictionary<string, double> { ["meanCandidatesScored"] = Math.Round(MeanCandidates, 1) };

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private Dictionary<string, ProductCard> Cards(IEnumerable<string> ids)
    {
        var cards = new Dictionary<string, ProductCard>(StringComparer.Ordinal);
        foreach (var id in ids) cards.TryAdd(id, Find(id).Card(id));
        return cards;
    }

    private ImmutableArray<TrendingEntry> Top(string scope) =>
        _boards.TryGetValue(scope, out var board) ? [.. board.Top(TrendingDepth, _options.PopularityHalfLife)] : [];

    /// <summary>Read-only lookup for queries, which run concurrently under the read lock and must not add entries.</summary>
    private ProductBehaviour Find(string id) => _products.TryGetValue(id, out var p) ? p : _unknown;

    private CustomerBehaviour Customer(string id) => _customers.TryGetValue(id, out var c) ? c : _customers[id] = new CustomerBehaviour();
    private SessionBehaviour Session(string id) => _sessions.TryGetValue(id, out var s) ? s : _sessions[id] = new SessionBehaviour();
    private ProductBehaviour Product(string id) => _products.TryGetValue(id, out var p) ? p : _products[id] = new ProductBehaviour();
    private TrendingBoard Board(string scope) => _boards.TryGetValue(scope, out var b) ? b : _boards[scope] = new TrendingBoard();
}
