namespace Personalization.Tests.Metrics;

/// <summary>Reads the Prometheus text a scrape returns: the sample lines of one metric.</summary>
internal static class PrometheusText
{
    /// <summary>Lines such as <c>name{label="x"} 3</c> or <c>name 3</c>; comments and other metrics left out.</summary>
    public static IReadOnlyList<string> Samples(string text, string metric) =>
        [.. text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))];

    /// <summary>The value of the one sample of a metric whose labels contain <paramref name="label"/> (all samples when null).</summary>
    public static double Value(string text, string metric, string? label = null) =>
        double.Parse(Assert.Single(Samples(text, metric), s => label is null || s.Contains(label, StringComparison.Ordinal)).Split(' ')[^1],
            System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<string> ScrapeAsync(HttpClient http, Uri endpoint)
    {
        using var response = await http.GetAsync(endpoint);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {endpoint}: {(int)response.StatusCode}\n{body}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return body;
    }
}
