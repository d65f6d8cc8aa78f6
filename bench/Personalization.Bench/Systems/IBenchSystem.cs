using Personalization.Bench.Measure;
using Personalization.Bench.Workload;
using Personalization.Catalog;
using Personalization.Events;
using Personalization.Queries;

namespace Personalization.Bench.Systems;

/// <summary>
/// One system under test. Every system gets the same catalogue and events and answers the same
/// queries with the same ranking code (OfferPlan, OfferComposer, SimilarityBlender).
/// </summary>
public interface IBenchSystem : IAsyncDisposable
{
    string Name { get; }

    /// <summary>What "applied" means for this system, for the report.</summary>
    string AppliedDefinition { get; }

    Task StartAsync(GeneratedWorkload workload);

    Task LoadCatalogAsync(IReadOnlyList<ProductRecord> products);

    /// <summary>The ways events come in; the log is split among them and each is timed on its share.</summary>
    IReadOnlyList<IngestPath> IngestPaths { get; }

    /// <summary>The ways queries are asked (in-process call, HTTP on loopback...).</summary>
    IReadOnlyList<QueryPath> QueryPaths { get; }

    /// <summary>Checks, outside any timing, that every event of the log is applied; returns the number of mismatching counters.</summary>
    Task<long> VerifyAsync(ExpectedCounts expected);

    /// <summary>Memory of the system: managed heap of this process and RSS of every process holding the system's state.</summary>
    MemoryReading Memory();

    /// <summary>Extra figures worth reporting (e.g. Redis used_memory).</summary>
    IReadOnlyDictionary<string, double> Extras() => new Dictionary<string, double>();
}

/// <summary>An ingestion path: takes a slice of the log and returns once every event of it is applied.</summary>
public sealed record IngestPath(string Name, Func<ShopperEvent[], ExpectedCounts, Task> IngestUntilApplied, Func<ShopperEvent, Task> Accept);

/// <summary>
/// A query path: offers (returns whether they were personalized, which the freshness probe watches) and
/// similar products (returns how many came back).
/// </summary>
public sealed record QueryPath(string Name, Func<OfferRequest, ValueTask<bool>> Offers, Func<string, ValueTask<int>> Similar);
