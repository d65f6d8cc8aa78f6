namespace Personalization.Client;

/// <summary>Settings of <see cref="PersonalizationClient"/>; bind from a configuration section such as <c>Personalization</c>.</summary>
public sealed class PersonalizationClientOptions
{
    public const string SectionName = "Personalization";

    /// <summary>Base address of the API, e.g. <c>https://personalization.internal/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API key (role storefront for queries, ingest for events and upserts). Required.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Time allowed for one attempt of one request. Default 2 s: offers answer in milliseconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per request, including the first, for transient failures (503, 502, 504, 429, 408, network). Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry; doubles for each further retry (a Retry-After header wins). Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most events or records in one request; larger inputs are split. Default 500 (the API accepts 1000).</summary>
    public int MaxBatchSize { get; set; } = 500;

    internal void Validate()
    {
        if (BaseAddress is null) throw new ArgumentException("PersonalizationClientOptions.BaseAddress is required, e.g. https://personalization.internal/.");
        if (string.IsNullOrWhiteSpace(ApiKey)) throw new ArgumentException("PersonalizationClientOptions.ApiKey is required: ask the cluster's operator for a storefront or ingest key.");
        if (AttemptTimeout <= TimeSpan.Zero || MaxAttempts < 1 || RetryDelay < TimeSpan.Zero || MaxBatchSize < 1)
        {
            throw new ArgumentException("PersonalizationClientOptions: AttemptTimeout must be positive, MaxAttempts and MaxBatchSize at least 1, RetryDelay not negative.");
        }
    }
}
