using System.Collections.Immutable;

namespace Personalization.Queries;

[GenerateSerializer, Immutable]
public sealed record Offer(
    [property: Id(0)] string ProductId,
    [property: Id(1)] double Score,
    [property: Id(2)] ImmutableArray<OfferReason> Reasons,
    [property: Id(3)] ProductCard Product);

/// <summary>The answer to an offers query.</summary>
[GenerateSerializer, Immutable]
public sealed record OfferList(
    [property: Id(0)] ImmutableArray<Offer> Offers,
    /// <summary>False when the shopper opted out or nothing is known yet: offers then come from trending only.</summary>
    [property: Id(1)] bool Personalized,
    /// <summary>Which ranker produced the order: "heuristic" or a model version.</summary>
    [property: Id(2)] string Ranker);
