using System.Collections.Immutable;

namespace Personalization.Grains;

/// <summary>How two products are related.</summary>
public enum Relation : byte
{
    ViewedTogether = 1,
    BoughtTogether = 2,
    SimilarContent = 3,
}

/// <summary>A related product and the strength of the relation (higher is stronger).</summary>
[GenerateSerializer, Immutable]
public sealed record Neighbour(
    [property: Id(0)] string ProductId,
    [property: Id(1)] double Score,
    [property: Id(2)] Relation Relation);

/// <summary>A product's neighbour lists, each sorted strongest first.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductNeighbours(
    [property: Id(0)] string ProductId,
    [property: Id(1)] ImmutableArray<Neighbour> Behavior,
    [property: Id(2)] ImmutableArray<Neighbour> Content);

/// <summary>
/// "Shoppers who interacted with the receiving product also interacted with <paramref name="ProductId"/>",
/// with a weight that already accounts for the kind of interaction and the distance in the sequence.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CoOccurrence(
    [property: Id(0)] string ProductId,
    [property: Id(1)] double Weight,
    [property: Id(2)] Relation Relation,
    [property: Id(3)] DateTimeOffset Timestamp);
