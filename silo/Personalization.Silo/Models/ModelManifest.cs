using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Silo.Models;

/// <summary>
/// What is published with every model (<c>manifest.json</c> beside <c>model.zip</c>): its version, the
/// feature names it was trained on (a silo refuses a model whose features differ from its own), how
/// and on what it was trained, and its validation metrics next to the heuristic's on the same split.
/// </summary>
public sealed record ModelManifest
{
    public required string Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<string> Features { get; init; }
    public required string Trainer { get; init; }
    public IReadOnlyDictionary<string, double> Hyperparameters { get; init; } = new Dictionary<string, double>();
    public string? Lake { get; init; }
    public long LakeEvents { get; init; }
    public DateTimeOffset? ValidationFrom { get; init; }
    public int TrainQueries { get; init; }
    public int ValidationQueries { get; init; }
    public IReadOnlyDictionary<string, double> HeuristicValidation { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, double> ModelValidation { get; init; } = new Dictionary<string, double>();

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ModelManifest Parse(byte[] json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(json, Json) ?? throw new InvalidDataException($"{source} is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source} is not a model manifest: {exception.Message}", exception);
        }
    }
}
