using Personalization.Domain;

namespace Personalization.Ranking;

/// <summary>
/// The model this silo serves, swapped in place when a new one is published (one per silo, a
/// singleton). Queries read <see cref="Current"/> once and keep that model for the whole query, so a
/// swap never mixes two models in one answer. Null until a model is loaded: the heuristic serves.
/// </summary>
public sealed class RankingModelSlot
{
    private readonly Lock _gate = new();
    private volatile IOfferScorer? _current;
    private string? _source;
    private DateTimeOffset? _loadedAt;
    private string? _refusedVersion;
    private string? _refusedReason;

    public IOfferScorer? Current => _current;

    public void Serve(IOfferScorer model, string source, DateTimeOffset at)
    {
        lock (_gate)
        {
            _current = model;
            _source = source;
            _loadedAt = at;
        }
    }

    /// <summary>Records a model that was refused; whatever served before keeps serving.</summary>
    public void Refuse(string version, string reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            _refusedVersion = version;
            _refusedReason = $"{at:O}: {reason}";
        }
    }

    public (string? Version, string? Source, DateTimeOffset? LoadedAt, string? RefusedVersion, string? RefusedReason) Status()
    {
        lock (_gate) return (_current?.Version, _source, _loadedAt, _refusedVersion, _refusedReason);
    }
}
