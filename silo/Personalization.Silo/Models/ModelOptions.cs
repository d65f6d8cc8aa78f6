namespace Personalization.Silo.Models;

/// <summary>
/// Where offer models are published and how often silos look for a new one; configuration section
/// <c>Model</c>. The store follows <c>Storage:Provider</c> unless set: <c>local</c> uses
/// <c>{Storage:Directory}/models</c>, <c>s3</c> the bucket under <see cref="Prefix"/>, <c>memory</c> none.
/// </summary>
public sealed class ModelOptions
{
    public const string SectionName = "Model";

    /// <summary><c>local</c>, <c>s3</c> or <c>none</c>; empty (default) follows <c>Storage:Provider</c>.</summary>
    public string? Store { get; set; }

    /// <summary>Directory of a local store; default <c>{Storage:Directory}/models</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Key prefix of an S3 store. Default <c>models</c>.</summary>
    public string Prefix { get; set; } = "models";

    /// <summary>How often a silo checks the store for a newly published model. Default 30 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Problems()
    {
        if (Store is not (null or "" or "local" or "s3" or "none")) yield return $"Model:Store '{Store}' is unknown; use local, s3 or none.";
        if (PollInterval <= TimeSpan.Zero) yield return "Model:PollInterval must be positive.";
        if (string.IsNullOrWhiteSpace(Prefix)) yield return "Model:Prefix must not be empty.";
    }
}
