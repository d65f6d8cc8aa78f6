using System.Collections.Immutable;
using Personalization.Grains;

namespace Personalization.Messaging;

/// <summary>
/// Carries a session's item-to-item evidence to the products concerned, grouped per product across all
/// the sessions of this silo (<see cref="GroupedCalls{TKey, TItem}"/>): a popular product gets one call
/// per round, not one per shopper who touched it.
/// </summary>
public sealed class CoOccurrenceSender
{
    private readonly GroupedCalls<string, CoOccurrence> _calls;

    public CoOccurrenceSender(IGrainFactory grains) =>
        _calls = new GroupedCalls<string, CoOccurrence>((product, signals) => grains.GetGrain<IProductGrain>(product).AddCoOccurrences([.. signals]));

    /// <summary>Completes once every product has its signals, so the next offers call already sees them.</summary>
    public Task SendAsync(IReadOnlyList<(string Target, CoOccurrence Signal)> signals) => _calls.SendAsync(signals);
}
