namespace Personalization.Grains;

/// <summary>
/// Which offer ranker the silo that answers serves: a stateless worker, so it always answers for its
/// own silo. Every offers response also names the ranker that ordered it.
/// </summary>
public interface IRankingModelGrain : IGrainWithIntegerKey
{
    Task<ModelStatus> GetStatus();
}

/// <summary>
/// A silo's ranker: <see cref="Ranker"/> is <c>heuristic</c> or <c>model:{version}</c>; the last
/// refused model (corrupt, or trained on other features) and why, while the previous one kept serving.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelStatus(
    [property: Id(0)] string Ranker,
    [property: Id(1)] string? Version,
    [property: Id(2)] string? Source,
    [property: Id(3)] DateTimeOffset? LoadedAt,
    [property: Id(4)] string? RefusedVersion,
    [property: Id(5)] string? RefusedReason,
    [property: Id(6)] string Silo);
