using Microsoft.AspNetCore.Http;

namespace Personalization.Api.Metrics;

/// <summary>The Prometheus scrape endpoint and the OpenTelemetry metrics behind it; configuration section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Collect metrics and serve the scrape endpoint. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Path of the scrape endpoint. Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// An extra listener, e.g. <c>http://+:9464</c>, that serves the scrape endpoint without a key and nothing
    /// else: the port a scraper on the pod network reaches while the API port stays keyed. Default empty: none.
    /// </summary>
    public string Url { get; set; } = "";

    /// <summary>
    /// Whether a scrape over a loopback connection to the API's own port needs no key (a sidecar, an operator on
    /// the machine). Turn it off behind a proxy on the same host, whose requests would all look local. Default true.
    /// </summary>
    public bool AllowLoopback { get; set; } = true;

    /// <summary>The port of <see cref="Url"/>, or null when there is no extra listener.</summary>
    public int? ListenerPort => string.IsNullOrWhiteSpace(Url) ? null : BindingAddress.Parse(Url).Port;

    public IEnumerable<string> Problems()
    {
        if (!Path.StartsWith('/')) yield return $"Metrics:Path '{Path}' must start with '/'.";
        if (string.IsNullOrWhiteSpace(Url)) yield break;

        string? problem = null;
        try
        {
            var address = BindingAddress.Parse(Url);
            if (address.Scheme != "http") problem = "must be an http address";
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null) yield return $"Metrics:Url '{Url}' {problem}; use an address such as 'http://+:9464'.";
    }
}
