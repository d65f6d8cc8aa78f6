using System.Diagnostics;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Queries;
using Personalization.Silo.Replay;

namespace Personalization.Silo.Training;

/// <summary>
/// Builds labelled shortlists from the lake's history, without look-ahead: events are applied in time
/// order to the product's domain objects (<see cref="DomainReplay"/>), and at a decision point (an
/// interest event of a known customer with at least one earlier interaction) the offers query the
/// storefront would have made just then is ranked from the state so far, before the event is
/// applied; the event's products new to the customer are the targets. Decision points are sampled
/// (stable hash of the message id) down to <see cref="TrainingSettings.MaxQueries"/>; the last
/// <see cref="TrainingSettings.ValidationShare"/> of them in time validate.
/// </summary>
public static class TrainingSetBuilder
{
    public static async Task<TrainingSet> BuildAsync(
        IReadOnlyList<ShopperEvent> events, IReadOnlyList<ProductRecord> catalog, RankingOptions options, TrainingSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var eligible = events.Where(IsDecisionKind).ToList();
        var rate = eligible.Count <= settings.MaxQueries ? 1.0 : settings.MaxQueries / (double)eligible.Count;
        var sampled = eligible.Where(e => Sampled(e.MessageId, rate)).ToList();
        if (sampled.Count < 2) throw new InvalidDataException($"The lake holds {eligible.Count} interactions of known customers; training needs more history.");
        var validationFrom = sampled[(int)Math.Min(sampled.Count - 1, Math.Floor(sampled.Count * (1 - settings.ValidationShare)))].Timestamp;
        var chosen = sampled.Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal);

        var replay = new DomainReplay(options);
        replay.LoadCatalog(catalog);
        var seenByUser = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        List<TrainingQuery> train = [], validation = [];
        int trainDecisions = 0, validationDecisions = 0;
        var clock = Stopwatch.StartNew();
        foreach (var evt in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = evt.UserId;
            var seen = user is null ? null : seenByUser.TryGetValue(user, out var s) ? s : seenByUser[user] = new HashSet<string>(StringComparer.Ordinal);
            if (user is not null && seen!.Count > 0 && chosen.Contains(evt.MessageId))
            {
                var targets = evt.ProductLines().Select(l => l.ProductId).Where(id => !seen.Contains(id)).ToHashSet(StringComparer.Ordinal);
                if (targets.Count > 0)
                {
                    var isValidation = evt.Timestamp >= validationFrom;
                    if (isValidation) validationDecisions++;
                    else trainDecisions++;
                    if (await QueryAsync(user, evt.Timestamp, targets, replay, options) is { } query) (isValidation ? validation : train).Add(query);
                    var decisions = trainDecisions + validationDecisions;
                    if (decisions % 10_000 == 0) log.WriteLine($"  {decisions:N0}/{sampled.Count:N0} decision points ({decisions / clock.Elapsed.TotalSeconds:N0}/s)");
                }
            }

            replay.Apply(evt);
            if (seen is not null && EventWeights.IsInterest(evt.Kind)) seen.UnionWith(evt.ProductLines().Select(l => l.ProductId));
        }

        return new TrainingSet(train, validation, trainDecisions, validationDecisions, validationFrom, replay.Events);
    }

    /// <summary>The shortlist the offers API would have built for the customer at that moment, labelled; null when it holds no target.</summary>
    private static async Task<TrainingQuery?> QueryAsync(string user, DateTimeOffset at, HashSet<string> targets, DomainReplay replay, RankingOptions options)
    {
        var request = new OfferRequest { CustomerId = user, Limit = 10, ExcludeSeen = true };
        var (plan, candidates) = await OfferRanker.Candidates(request, replay, options);
        if (plan.Anchors.Count == 0) return null;
        var shortlist = await OfferShortlist.Build(plan, candidates, options.ModelCandidates, replay);
        var ids = shortlist.Candidates.Select(c => c.ProductId).ToArray();
        var labels = ids.Select(targets.Contains).ToArray();
        return labels.Any(l => l) ? new TrainingQuery(user, at, ids, shortlist.Features, labels, targets) : null;
    }

    private static bool IsDecisionKind(ShopperEvent evt) => evt.UserId is not null && EventWeights.IsInterest(evt.Kind) && evt.ProductLines().Any();

    /// <summary>The same events are sampled on every run over the same lake.</summary>
    private static bool Sampled(string messageId, double rate)
    {
        if (rate >= 1) return true;
        var hash = 14695981039346656037UL; // FNV-1a: stable across processes, unlike string.GetHashCode
        foreach (var c in messageId) hash = (hash ^ c) * 1099511628211UL;
        return (hash >> 11) / (double)(1UL << 53) < rate;
    }
}
