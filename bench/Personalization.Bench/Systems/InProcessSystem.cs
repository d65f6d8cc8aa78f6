using Personalization.Bench.Measure;
using Personalization.Bench.Workload;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Queries;
using Personalization.Silo.Replay;

namespace Personalization.Bench.Systems;

/// <summary>
/// The in-process limit: the grains' domain classes held in plain dictionaries (<see cref="DomainReplay"/>,
/// the same code the evaluation and the trainer replay with), updated by direct calls and queried through
/// the offer grain's own ranking code (<see cref="OfferRanker"/>, <see cref="SimilarProductsQuery"/>).
/// No framework, no messages, no network: what the feature logic costs on its own.
/// </summary>
public sealed class InProcessSystem : IBenchSystem
{
    private readonly RankingOptions _options = new();
    private readonly DomainReplay _state;
    private readonly ReaderWriterLockSlim _gate = new();
    private GeneratedWorkload? _workload;

    public InProcessSystem() => _state = new DomainReplay(_options);

    public string Name => "in-process";

    public string AppliedDefinition => "applied synchronously: the call that takes an event returns after every customer, session, product and trending update";

    public IReadOnlyList<IngestPath> IngestPaths => [new("direct call", (events, _) => { Ingest(events); return Task.CompletedTask; }, e => { Ingest([e]); return Task.CompletedTask; })];

    public IReadOnlyList<QueryPath> QueryPaths => [new("direct call", r => ValueTask.FromResult(Offers(r).Personalized), id => ValueTask.FromResult(Similar(id).Products.Length))];

    public Task StartAsync(GeneratedWorkload workload)
    {
        _workload = workload;
        return Task.CompletedTask;
    }

    /// <summary>Catalogue records only: the content index (pairwise text similarity) is left out for all three systems.</summary>
    public Task LoadCatalogAsync(IReadOnlyList<ProductRecord> products)
    {
        _state.LoadRecords(products);
        return Task.CompletedTask;
    }

    public void Ingest(ReadOnlySpan<ShopperEvent> events)
    {
        // Ingestion holds the write lock per batch; queries share the read lock, so they use both cores.
        _gate.EnterWriteLock();
        try
        {
            foreach (var evt in events) _state.Apply(evt);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>The sources answer synchronously, so the ranking's tasks are complete when it returns.</summary>
    public OfferList Offers(OfferRequest request) => Read(() => OfferRanker.GetOffers(request, _state, _options).GetAwaiter().GetResult());

    public SimilarProductList Similar(string productId) =>
        Read(() => SimilarProductsQuery.GetAsync(productId, SimilarityKind.Blend, 10, _state).GetAwaiter().GetResult());

    public Task<long> VerifyAsync(ExpectedCounts expected)
    {
        long bad = 0;
        foreach (var (id, count) in expected.Customers) if (_state.CustomerEventCount(id) != count) bad++;
        foreach (var (id, count) in expected.Sessions) if (_state.SessionEventCount(id) != count) bad++;
        foreach (var (id, count) in expected.Products) if (_state.ProductEventCount(id) != count) bad++;
        return Task.FromResult(bad);
    }

    public MemoryReading Memory() => new(MemoryProbe.ManagedBytes(), MemoryProbe.ResidentBytes());

    /// <summary>How many candidates an offers call scores, averaged over the same requests the latency runs ask (untimed).</summary>
    public IReadOnlyDictionary<string, double> Extras()
    {
        if (_workload is null) return new Dictionary<string, double>();
        var requests = _workload.LastSession.Take(1000).Select(kv => new OfferRequest { CustomerId = kv.Key, SessionId = kv.Value, Limit = 10 }).ToList();
        var scored = requests.Sum(r => Read(() => OfferRanker.Candidates(r, _state, _options).GetAwaiter().GetResult().Candidates.Count));
        return new Dictionary<string, double> { ["meanCandidatesScored"] = requests.Count == 0 ? 0 : Math.Round((double)scored / requests.Count, 1) };
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private T Read<T>(Func<T> query)
    {
        _gate.EnterReadLock();
        try
        {
            return query();
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }
}
