namespace Personalization.Api;

/// <summary>Limits of the HTTP API; configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted, in bytes; larger requests get 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events (or records) in one request; more gets 400.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Largest <c>limit</c> a query may ask for.</summary>
    public int MaxLimit { get; set; } = 100;
}
