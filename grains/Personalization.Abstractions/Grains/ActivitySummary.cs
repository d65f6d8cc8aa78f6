using System.Collections.Immutable;
using Personalization.Catalog;
using Personalization.Customers;
using Personalization.Queries;

namespace Personalization.Grains;

/// <summary>A customer as the API shows it: CRM profile and behaviour counters.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] CustomerProfile? Profile,
    [property: Id(2)] ImmutableDictionary<string, long> EventCounts,
    [property: Id(3)] ImmutableArray<WeightedKey> TopCategories,
    [property: Id(4)] ImmutableArray<WeightedKey> TopBrands,
    [property: Id(5)] DateTimeOffset? LastEventAt);

/// <summary>A product as the API shows it: catalogue card and behaviour counters.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductView(
    [property: Id(0)] ProductCard Card,
    [property: Id(1)] ProductRecord? Record,
    [property: Id(2)] ImmutableDictionary<string, long> EventCounts,
    [property: Id(3)] long UnitsSold,
    [property: Id(4)] double Popularity,
    [property: Id(5)] DateTimeOffset? LastEventAt);
