namespace Personalization.Events;

/// <summary>Why one event was refused: a stable error code, the JSON field at fault, and a sentence.</summary>
[GenerateSerializer, Immutable]
public sealed record EventRejection(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Field,
    [property: Id(2)] string Detail);
