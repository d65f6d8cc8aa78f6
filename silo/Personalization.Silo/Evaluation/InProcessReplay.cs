using System.Text.Json;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Queries;
using Personalization.Silo.Replay;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// The product's domain objects (<see cref="DomainReplay"/>) fed the same validated events in the same
/// per-user order as the grains, without a cluster, and ranked by the same <see cref="OfferRanker"/>
/// (with a model, when given one). Not a measurement of the product (the live run is); a fast loop for
/// tuning, and a check that the live path loses nothing on the way.
/// </summary>
public sealed class InProcessReplay : IRanker
{
    private readonly DomainReplay _replay;
    private readonly IOfferScorer? _model;

    public InProcessReplay(EvaluationData data, RankingOptions options, IOfferScorer? model = null)
    {
        _model = model;
        _replay = new DomainReplay(options);
        _replay.LoadCatalog([.. data.Catalog.Select(Record)]);

        foreach (var evt in Validated(data)) _replay.Apply(evt);
    }

    /// <summary>The replay's events as ingestion validates them, in the order the live run posts them.</summary>
    public static IEnumerable<ShopperEvent> Validated(EvaluationData data)
    {
        var validator = new EventValidator(new EventLimits(), TimeProvider.System);
        var catalog = data.Catalog.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var (body, _) in ReplayEvents.Batches(data.Replay, catalog, LiveSystem.BatchEvents, LiveSystem.BatchBytes))
        {
            var events = new List<ShopperEvent>();
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                var validation = validator.Validate(document.RootElement);
                events.Add(validation.Event ?? throw new InvalidDataException($"A replayed event was rejected: {validation.Rejection}"));
            }

            foreach (var evt in events) yield return evt;
        }
    }

    public string Name => _model is null
        ? "Personalization (in-process replay, same ranking code)"
        : $"Personalization (in-process replay, {OfferRanker.ModelName(_model.Version)})";

    public long Events => _replay.Events;

    public static ProductRecord Record(CatalogItem item) =>
        new() { Id = item.Id, Title = item.Title, CategoryPath = item.CategoryPath, Brand = item.Brand, Price = item.Price };

    public async Task<IReadOnlyList<string>> RankAsync(UserCase user, int count, CancellationToken cancellationToken)
    {
        var offers = await OfferRanker.GetOffers(new OfferRequest { CustomerId = user.UserId, Limit = count, ExcludeSeen = true }, _replay, _replay.Options, _model);
        return offers.Offers.Select(o => o.ProductId).Where(id => !user.Seen.Contains(id)).ToList();
    }
}
