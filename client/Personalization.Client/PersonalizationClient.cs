using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Personalization.Client.Models;

namespace Personalization.Client;

/// <summary>
/// Typed access to the Personalization HTTP API. Every call has a per-attempt timeout and retries transient
/// failures (503 while a silo restarts, 502/504/429/408, network errors) with exponential backoff: queries
/// are read-only and writes are idempotent (events by messageId, upserts by id), so a retry is always safe.
/// Anything else throws <see cref="PersonalizationApiException"/> carrying the API's problem details.
/// Thread-safe; share one instance (or register it as a typed HttpClient).
/// </summary>
public sealed class PersonalizationClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string AllRejectedCode = "all-rejected";
    private readonly HttpClient _http;
    private readonly PersonalizationClientOptions _options;

    public PersonalizationClient(HttpClient http, PersonalizationClientOptions options)
    {
        options.Validate();
        _http = http;
        _options = options;
        // Attempts have their own timeout; the HttpClient's must not cut a retrying call short.
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public PersonalizationClientOptions Options => _options;

    /// <summary>Ranked offers for a known customer (<c>GET /v1/customers/{customerId}/offers</c>).</summary>
    public Task<OfferList> GetOffersAsync(string customerId, OfferQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync<OfferList>(HttpMethod.Get, $"v1/customers/{Escape(customerId)}/offers{QueryString(query)}", null, cancellationToken);

    /// <summary>Ranked offers for an anonymous session (<c>GET /v1/sessions/{sessionId}/offers</c>).</summary>
    public Task<OfferList> GetSessionOffersAsync(string sessionId, OfferQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync<OfferList>(HttpMethod.Get, $"v1/sessions/{Escape(sessionId)}/offers{QueryString(query is null ? null : query with { SessionId = null })}", null, cancellationToken);

    /// <summary>Products similar to one (<c>GET /v1/products/{productId}/similar</c>).</summary>
    public Task<SimilarProductList> GetSimilarAsync(string productId, SimilarityKind kind = SimilarityKind.Blend, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = $"?kind={kind.ToString().ToLowerInvariant()}" + (limit is { } l ? $"&limit={l.ToString(CultureInfo.InvariantCulture)}" : "");
        return SendAsync<SimilarProductList>(HttpMethod.Get, $"v1/products/{Escape(productId)}/similar{query}", null, cancellationToken);
    }

    /// <summary>Sends events (<c>POST /v1/events</c>) in batches of <see cref="PersonalizationClientOptions.MaxBatchSize"/>.</summary>
    public Task<BatchResult> TrackAsync(IReadOnlyCollection<TrackEvent> events, CancellationToken cancellationToken = default) =>
        PostBatchesAsync("v1/events", events, cancellationToken);

    /// <summary>Upserts catalogue records (<c>POST /v1/catalog/products</c>).</summary>
    public Task<BatchResult> UpsertProductsAsync(IReadOnlyCollection<ProductUpsert> products, CancellationToken cancellationToken = default) =>
        PostBatchesAsync("v1/catalog/products", products, cancellationToken);

    /// <summary>Upserts customer records (<c>POST /v1/customers</c>).</summary>
    public Task<BatchResult> UpsertCustomersAsync(IReadOnlyCollection<CustomerUpsert> customers, CancellationToken cancellationToken = default) =>
        PostBatchesAsync("v1/customers", customers, cancellationToken);

    internal static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
        or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private async Task<BatchResult> PostBatchesAsync<T>(string path, IReadOnlyCollection<T> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return new BatchResult(0, 0, []);
        var parts = new List<BatchResult>();
        var offsets = new List<int>();
        var offset = 0;
        foreach (var chunk in items.Chunk(_options.MaxBatchSize))
        {
            offsets.Add(offset);
            parts.Add(await SendAsync<BatchResult>(HttpMethod.Post, path, chunk, cancellationToken));
            offset += chunk.Length;
        }

        return BatchResult.Combine(parts, offsets);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var description = $"{method} /{path.Split('?')[0]}";
        for (var attempt = 1; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_options.AttemptTimeout);
            using var request = new HttpRequestMessage(method, new Uri(_options.BaseAddress!, path));
            request.Headers.Add("X-Api-Key", _options.ApiKey);
            if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);

            TimeSpan? retryAfter = null;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, attemptTimeout.Token)
                        ?? throw new PersonalizationApiException(description, response.StatusCode, null, attempt);
                }

                var problem = await ReadProblemAsync(response, attemptTimeout.Token);
                if (!IsTransient(response.StatusCode) || attempt >= _options.MaxAttempts)
                {
                    // A batch whose every item was rejected is an answer, not a failure: return the reasons.
                    if (typeof(T) == typeof(BatchResult) && problem?.Code == AllRejectedCode && RejectedBatch(problem) is { } rejected) return (T)(object)rejected;
                    throw new PersonalizationApiException(description, response.StatusCode, problem, attempt);
                }

                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    throw new TimeoutException($"{description} got no answer within {_options.AttemptTimeout.TotalMilliseconds:0} ms, {attempt} attempts in a row.");
                }
            }
            catch (HttpRequestException) when (attempt < _options.MaxAttempts)
            {
                // The API process itself is unreachable (restarting, connection reset): retry.
            }

            var backoff = retryAfter ?? _options.RetryDelay * Math.Pow(2, attempt - 1);
            await Task.Delay(backoff, cancellationToken);
        }
    }

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media is null || !media.Contains("json", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static BatchResult? RejectedBatch(ProblemDetails problem) =>
        problem.Extensions.TryGetValue("results", out var results)
            ? new BatchResult(0, results.GetArrayLength(), results.Deserialize<List<ItemResult>>(Json) ?? [])
            : null;

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string QueryString(OfferQuery? query)
    {
        if (query is null) return "";
        var parts = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is null) return;
            parts.Append(parts.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        Add("sessionId", query.SessionId);
        Add("limit", query.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("category", query.Category);
        Add("maxPrice", query.MaxPrice?.ToString(CultureInfo.InvariantCulture));
        Add("storeId", query.StoreId);
        return parts.ToString();
    }
}
