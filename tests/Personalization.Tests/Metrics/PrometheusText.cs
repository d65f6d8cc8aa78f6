namespace Personalization.Tests.Metrics;

/// <summary>Reads the Prometheus text a scrape returns: the sample lines of one metric.</summary>
internal static class PrometheusText
{
    /// <summary>Lines such as <c>name{label="x"} 3</c> or <c>name 3</c>; comments and other metrics left out.</summary>
    public static IReadOnlyList<string> Samples(string text, string metric) =>
        [.. text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))];

    public static async Task<string> ScrapeAsync(HttpClient http, Uri endpoint)
    {
        using var response = await http.GetAsync(endpoint);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {endpoint}: {(int)response.StatusCode}\n{body}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return body;
    }
}
