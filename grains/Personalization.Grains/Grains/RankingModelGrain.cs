using Orleans.Concurrency;
using Personalization.Domain;
using Personalization.Ranking;

namespace Personalization.Grains;

/// <summary>Reports this silo's <see cref="RankingModelSlot"/>; a stateless worker, so the answer is the local silo's.</summary>
[StatelessWorker]
public sealed class RankingModelGrain(RankingModelSlot slot, ILocalSiloDetails silo) : Grain, IRankingModelGrain
{
    Task<ModelStatus> IRankingModelGrain.GetStatus()
    {
        var (version, source, loadedAt, refusedVersion, refusedReason) = slot.Status();
        var ranker = version is null ? OfferRanker.Heuristic : OfferRanker.ModelName(version);
        return Task.FromResult(new ModelStatus(ranker, version, source, loadedAt, refusedVersion, refusedReason, silo.SiloAddress.ToString()));
    }
}
