using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Client;

/// <summary>
/// An RFC 9457 problem-details body as the API sends it. <see cref="Type"/> is stable
/// (<c>urn:personalization:problem:{code}</c>); switch on <see cref="Code"/>.
/// </summary>
public sealed record ProblemDetails
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }

    /// <summary>Further members, e.g. <c>field</c> for an invalid parameter or <c>results</c> for a rejected batch.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Extensions { get; init; } = [];

    /// <summary>The code at the end of <see cref="Type"/>, e.g. <c>invalid-parameter</c>.</summary>
    public string? Code => Type is { } type && type.LastIndexOf(':') is var colon and >= 0 ? type[(colon + 1)..] : Type;
}
